package io.hindsight.account;

import io.hindsight.account.api.AccountError;
import io.hindsight.account.api.Role;
import io.hindsight.common.BusinessException;
import io.hindsight.projection.ReadModel;
import io.hindsight.projection.Where;
import io.hindsight.query.Page;
import io.hindsight.query.Paging;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/** Reads of the accounts context: current views, user search, and bitemporal history. */
@Service
public class AccountQueries {

    private final ReadModel<AccountView> accounts;
    private final ObjectProvider<RecentOrders> recentOrders;

    public AccountQueries(ReadModel<AccountView> accounts, ObjectProvider<RecentOrders> recentOrders) {
        this.accounts = accounts;
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
            where = where.and(Where.sql(
                    "email ILIKE :pattern ESCAPE '\\' OR name ILIKE :pattern ESCAPE '\\'"
                            + " OR nickname ILIKE :pattern ESCAPE '\\'",
                    Map.of("pattern", "%" + escapeLike(keyword.trim()) + "%")));
        }
        Page<AccountView> page = accounts.page(where, "signed_up_at DESC, aggregate_id", paging);
        long total = where.sql().isEmpty() ? page.total() : accounts.count(Where.all());
        return new UserSearch(page.items(), total, page.total());
    }

    public Optional<RecentOrder> recentOrderOf(String accountId) {
        return Optional.ofNullable(recentOrdersOf(List.of(accountId)).get(accountId));
    }

    public Map<String, RecentOrder> recentOrdersOf(Collection<String> accountIds) {
        RecentOrders source = recentOrders.getIfAvailable();
        return source == null || accountIds.isEmpty() ? Map.of() : source.of(accountIds);
    }

    private static String escapeLike(String keyword) {
        return keyword.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static BusinessException notFound(String accountId) {
        return new BusinessException(AccountError.ACCOUNT_NOT_FOUND, "No account %s", accountId);
    }

    public record UserSearch(List<AccountView> items, long total, long matched) {}
}
