package io.hindsight.account;

import io.hindsight.account.api.Gender;
import io.hindsight.account.api.Role;
import io.hindsight.account.api.SignUpMethod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * An account with its profile timeline in recording order. What was true at an instant is resolved per
 * field: the value with the latest effective instant not after it, the later recording winning a tie.
 */
public record AccountView(
        String accountId,
        String email,
        Set<Role> roles,
        SignUpMethod signUpMethod,
        String socialProvider,
        Instant signedUpAt,
        Instant resignedAt,
        List<ProfileVersion> timeline) {

    public AccountView {
        roles = Collections.unmodifiableSortedSet(new TreeSet<>(roles));
        timeline = List.copyOf(timeline);
    }

    public boolean resigned() {
        return resignedAt != null;
    }

    public Profile profileNow() {
        return profileAt(Instant.MAX);
    }

    public Profile profileAt(Instant validAt) {
        Resolved<String> name = new Resolved<>();
        Resolved<String> nickname = new Resolved<>();
        Resolved<Gender> gender = new Resolved<>();
        for (ProfileVersion version : timeline) {
            if (version.effectiveFrom().isAfter(validAt)) {
                continue;
            }
            name.offer(version.name(), version.effectiveFrom());
            nickname.offer(version.nickname(), version.effectiveFrom());
            gender.offer(version.gender(), version.effectiveFrom());
        }
        String nick = nickname.value;
        return new Profile(name.value, nick == null || nick.isBlank() ? null : nick, gender.value);
    }

    public List<HistoryEntry> history() {
        TreeSet<Instant> starts = new TreeSet<>();
        timeline.forEach(v -> starts.add(v.effectiveFrom()));
        List<HistoryEntry> entries = new ArrayList<>();
        for (Instant start : starts) {
            ProfileVersion latestAtStart = timeline.stream()
                    .filter(v -> v.effectiveFrom().equals(start))
                    .reduce((first, second) -> second)
                    .orElseThrow();
            Profile profile = profileAt(start);
            entries.add(new HistoryEntry(
                    start,
                    starts.higher(start),
                    latestAtStart.recordedAt(),
                    profile.name(),
                    profile.nickname(),
                    profile.gender(),
                    latestAtStart.changedBy(),
                    latestAtStart.kind()));
        }
        return entries;
    }

    AccountView with(List<ProfileVersion> newTimeline, Set<Role> newRoles, Instant newResignedAt) {
        return new AccountView(
                accountId, email, newRoles, signUpMethod, socialProvider, signedUpAt, newResignedAt, newTimeline);
    }

    private static final class Resolved<T> {
        private T value;
        private Instant from;

        void offer(T candidate, Instant effectiveFrom) {
            if (candidate != null && (from == null || !effectiveFrom.isBefore(from))) {
                value = candidate;
                from = effectiveFrom;
            }
        }
    }
}
