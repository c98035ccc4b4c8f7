package io.hindsight.shop;

import io.hindsight.account.RecentOrder;
import io.hindsight.account.RecentOrders;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Each account's most recent order, from the receipts read model, for the ADMIN user list and detail. */
@Component
public class ReceiptRecentOrders implements RecentOrders {

    private final JdbcClient jdbc;

    public ReceiptRecentOrders(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, RecentOrder> of(Collection<String> accountIds) {
        if (accountIds.isEmpty()) {
            return Map.of();
        }
        return jdbc
                .sql("""
                        SELECT DISTINCT ON (account_id) account_id, aggregate_id, order_number, ordered_at
                        FROM shop_receipt_view WHERE account_id IN (:accounts)
                        ORDER BY account_id, ordered_at DESC, aggregate_id DESC""")
                .param("accounts", List.copyOf(accountIds))
                .query((rs, n) -> Map.entry(
                        rs.getString("account_id"),
                        new RecentOrder(
                                rs.getString("aggregate_id"),
                                rs.getString("order_number"),
                                rs.getTimestamp("ordered_at").toInstant())))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
