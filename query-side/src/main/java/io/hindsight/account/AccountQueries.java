package io.hindsight.account;

import io.hindsight.account.api.AccountError;
import io.hindsight.account.api.Role;
import io.hindsight.common.BusinessException;
import io.hindsight.projection.Folded;
import io.hindsight.projection.ReadModel;
import io.hindsight.projection.TextMatch;
import io.hindsight.projection.Where;
import io.hindsight.query.Page;
import io.hindsight.query.Paging;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/** Reads of the accounts context: current views, user search, and bitemporal history. */
@Service
public class AccountQueries {

    private final ReadModel<AccountView> accounts;
    private final AccountProfileVersions versions;
    private final ObjectProvider<RecentOrders> recentOrders;

    public AccountQueries(
            ReadModel<AccountView> accounts,
            AccountProfileVersions versions,
            ObjectProvider<RecentOrders> recentOrders) {
        this.accounts = accounts;
        this.versions = versions;
        this.recentOrders = recentOrders;
    }

    /** The account now, including the caller's own latest change. */
    public AccountView current(String accountId) {
        return accounts.current(accountId).orElseThrow(() -> notFound(accountId));
    }

    /** What was known at {@code knownAt} (transaction time); defaults to now. */
    public AccountView knownAt(String accountId, Instant knownAt) {
        return accounts.find(accountId, knownAt).orElseThrow(() -> notFound(accountId));
    }

    /** What was known at {@code knownAt} (transaction time; null: now), with the sequence it was known up to. */
    public Folded<AccountView> known(String accountId, Instant knownAt) {
        return accounts.folded(accountId, knownAt).orElseThrow(() -> notFound(accountId));
    }

    /** The profile in force at {@code validAt} (valid time) as recorded now; empty for an account never recorded. */
    public Optional<Profile> profileAt(String accountId, Instant validAt) {
        return accounts.folded(accountId, null).map(known -> profileAt(known, validAt));
    }

    /**
     * The profile in force at {@code validAt} (valid time) according to what was {@code known}: the view's own
     * points when they all took effect by then, otherwise per field the latest version effective by then among
     * those known - three index probes, plus the versions of events the projection has not stored yet.
     */
    public Profile profileAt(Folded<AccountView> known, Instant validAt) {
        ProfilePoints now = known.view().profile();
        if (now.allInForceBy(validAt)) {
            return now.profile();
        }
        ProfilePoints points = versions.inForce(known.view().accountId(), storedBound(known), validAt, true);
        for (ProfileVersion version : unstored(known)) {
            if (!version.effectiveFrom().isAfter(validAt)) {
                points = points.with(version);
            }
        }
        return points.profile();
    }

    /**
     * One page of the valid-time history as {@code known}: segments in order of their start, {@code offset}
     * segments skipped. Reads only the versions of the page and the three points in force before it.
     */
    public List<HistoryEntry> history(Folded<AccountView> known, Paging paging) {
        String accountId = known.view().accountId();
        long bound = storedBound(known);
        List<ProfileVersion> unstored = unstored(known);
        int skip = unstored.isEmpty() ? 0 : paging.offset();
        int wanted =
                (int) Math.min(Integer.MAX_VALUE, paging.limit() + 1L + (unstored.isEmpty() ? 0 : paging.offset()));
        List<Instant> storedStarts =
                versions.starts(accountId, bound, unstored.isEmpty() ? paging.offset() : 0, wanted);
        TreeSet<Instant> starts = new TreeSet<>(storedStarts);
        unstored.forEach(v -> starts.add(v.effectiveFrom()));
        if (storedStarts.size() == wanted) {
            starts.tailSet(storedStarts.get(wanted - 1), false).clear();
        }
        List<Instant> page = starts.stream().skip(skip).limit(paging.limit()).toList();
        if (page.isEmpty()) {
            return List.of();
        }
        Instant first = page.get(0);
        Instant last = page.get(page.size() - 1);
        Instant next = starts.higher(last);
        List<ProfileVersion> inPage = new ArrayList<>(versions.effectiveBetween(accountId, bound, first, last));
        ProfilePoints before = versions.inForce(accountId, bound, first, false);
        for (ProfileVersion version : unstored) {
            if (version.effectiveFrom().isBefore(first)) {
                before = before.with(version);
            } else if (!version.effectiveFrom().isAfter(last)) {
                inPage.add(version);
            }
        }
        return ProfileTimeline.segments(before, inPage, next);
    }

    /** The versions stored by the projection that were known: up to the known and the stored sequence. */
    private static long storedBound(Folded<AccountView> known) {
        return Math.min(known.sequence(), known.storedSequence());
    }

    /** The versions of events folded for this read that the projection had not stored yet. */
    private static List<ProfileVersion> unstored(Folded<AccountView> known) {
        return known.beyondStored().stream()
                .map(ProfileVersion::of)
                .flatMap(Optional::stream)
                .toList();
    }

    /**
     * The accounts matching the keyword (a substring of email, name or nickname), the status and the role,
     * each optional, newest first; {@code total} counts every account, {@code matched} those that match.
     */
    public UserSearch search(String keyword, AccountStatus status, Role role, Paging paging) {
        Where where = Where.all();
        if (status != null) {
            where = where.and("resigned", status == AccountStatus.RESIGNED);
        }
        if (role != null) {
            where = where.and(Where.sql("roles @> ARRAY[CAST(:role AS text)]", Map.of("role", role.name())));
        }
        if (keyword != null && !keyword.isBlank()) {
            where = where.and(TextMatch.containing(keyword.trim(), List.of("email", "name", "nickname")));
        }
        Page<AccountView> page = accounts.page(where, "signed_up_at DESC, aggregate_id", paging);
        long total = where.sql().isEmpty() ? page.total() : accounts.count(Where.all());
        return new UserSearch(page.items(), total, page.total());
    }

    /** The most recent order placed at or before {@code asOf} (any, when null). */
    public Optional<RecentOrder> recentOrderOf(String accountId, Instant asOf) {
        RecentOrders source = recentOrders.getIfAvailable();
        return source == null
                ? Optional.empty()
                : Optional.ofNullable(source.of(List.of(accountId), asOf).get(accountId));
    }

    public Map<String, RecentOrder> recentOrdersOf(Collection<String> accountIds) {
        RecentOrders source = recentOrders.getIfAvailable();
        return source == null || accountIds.isEmpty() ? Map.of() : source.of(accountIds);
    }

    private static BusinessException notFound(String accountId) {
        return new BusinessException(AccountError.ACCOUNT_NOT_FOUND, "No account %s", accountId);
    }

    public record UserSearch(List<AccountView> items, long total, long matched) {}
}
