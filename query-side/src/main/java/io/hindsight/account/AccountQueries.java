package io.hindsight.account;

import io.hindsight.account.api.AccountError;
import io.hindsight.common.BusinessException;
import io.hindsight.projection.EventHistory;
import io.hindsight.projection.ViewDefinition;
import io.hindsight.projection.ViewStore;
import io.hindsight.projection.Views;
import io.hindsight.query.Paging;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Reads of the accounts context: current views, user search, and bitemporal history. */
@Service
public class AccountQueries {

    private final ViewStore store;
    private final Views views;
    private final EventHistory history;
    private final ViewDefinition<AccountView> accounts;
    private final JdbcClient jdbc;
    private final ObjectProvider<RecentOrders> recentOrders;

    public AccountQueries(
            ViewStore store,
            Views views,
            EventHistory history,
            ViewDefinition<AccountView> accounts,
            JdbcClient jdbc,
            ObjectProvider<RecentOrders> recentOrders) {
        this.store = store;
        this.views = views;
        this.history = history;
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.recentOrders = recentOrders;
    }

    /** The account now, including the caller's own latest change. */
    public AccountView current(String accountId) {
        return views.current(accounts, accountId).orElseThrow(() -> notFound(accountId));
    }

    /** What was known at {@code knownAt} (transaction time); defaults to now. */
    public AccountView knownAt(String accountId, Instant knownAt) {
        if (knownAt == null) {
            return current(accountId);
        }
        return history.asOf(accounts, accountId, knownAt).orElseThrow(() -> notFound(accountId));
    }

    public UserSearch search(String keyword, Paging paging) {
        Map<String, Object> params = new HashMap<>();
        String where = "";
        if (keyword != null && !keyword.isBlank()) {
            where =
                    "WHERE email ILIKE :pattern ESCAPE '\\' OR name ILIKE :pattern ESCAPE '\\' OR nickname ILIKE :pattern ESCAPE '\\'";
            params.put("pattern", "%" + escapeLike(keyword.trim()) + "%");
        }
        long total =
                jdbc.sql("SELECT count(*) FROM account_view").query(Long.class).single();
        long matched = where.isEmpty()
                ? total
                : jdbc.sql("SELECT count(*) FROM account_view " + where)
                        .params(params)
                        .query(Long.class)
                        .single();
        params.put("limit", paging.limit());
        params.put("offset", paging.offset());
        List<AccountView> items = store.findAll(
                accounts, where + " ORDER BY signed_up_at DESC, aggregate_id LIMIT :limit OFFSET :offset", params);
        return new UserSearch(items, total, matched);
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
