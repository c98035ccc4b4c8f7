package io.hindsight.account.web;

import io.hindsight.account.AccountView;
import io.hindsight.account.HistoryEntry;
import io.hindsight.account.Profile;
import io.hindsight.account.RecentOrder;
import io.hindsight.account.api.Gender;
import io.hindsight.account.api.Role;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Response bodies of the account reads. */
final class AccountResponses {

    private AccountResponses() {}

    record ProfileResponse(
            String accountId,
            String email,
            String name,
            String nickname,
            Gender gender,
            Set<Role> roles,
            Instant signedUpAt,
            String status,
            Instant resignedAt) {

        static ProfileResponse of(AccountView view, Profile profile) {
            return new ProfileResponse(
                    view.accountId(),
                    view.email(),
                    profile.name(),
                    profile.nickname(),
                    profile.gender(),
                    new TreeSet<>(view.roles()),
                    view.signedUpAt(),
                    view.resigned() ? "RESIGNED" : "ACTIVE",
                    view.resignedAt());
        }
    }

    record UserResponse(
            String accountId,
            String email,
            String name,
            String nickname,
            Gender gender,
            Set<Role> roles,
            Instant signedUpAt,
            String status,
            Instant resignedAt,
            Instant asOf,
            Instant knownAt,
            RecentOrder recentOrder) {

        static UserResponse of(
                AccountView view, Profile profile, Instant asOf, Instant knownAt, RecentOrder recentOrder) {
            ProfileResponse p = ProfileResponse.of(view, profile);
            return new UserResponse(
                    p.accountId(),
                    p.email(),
                    p.name(),
                    p.nickname(),
                    p.gender(),
                    p.roles(),
                    p.signedUpAt(),
                    p.status(),
                    p.resignedAt(),
                    asOf,
                    knownAt,
                    recentOrder);
        }
    }

    record UserListResponse(List<UserResponse> items, long total, long matched, int offset, int limit) {}

    record HistoryResponse(
            Instant validFrom,
            Instant validTo,
            Instant recordedAt,
            String name,
            String nickname,
            Gender gender,
            String changedBy,
            String kind) {

        static HistoryResponse of(HistoryEntry entry) {
            return new HistoryResponse(
                    entry.validFrom(),
                    entry.validTo(),
                    entry.recordedAt(),
                    entry.name(),
                    entry.nickname(),
                    entry.gender(),
                    entry.changedBy(),
                    entry.kind().name());
        }
    }
}
