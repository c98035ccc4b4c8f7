package io.hindsight.shop;

import io.hindsight.account.RecentOrder;
import io.hindsight.account.RecentOrders;
import io.hindsight.projection.ReadModel;
import io.hindsight.projection.SqlInstants;
import io.hindsight.projection.Where;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Each account's most recent order, from the receipts read model, for the ADMIN user list and detail. */
@Component
public class ReceiptRecentOrders implements RecentOrders {

    private final ReadModel<ReceiptView> receipts;

    public ReceiptRecentOrders(ReadModel<ReceiptView> receipts) {
        this.receipts = receipts;
    }

    @Override
    public Map<String, RecentOrder> of(Collection<String> accountIds, Instant asOf) {
        if (accountIds.isEmpty()) {
            return Map.of();
        }
        Where where = Where.sql("account_id IN (:accounts)", Map.of("accounts", List.copyOf(accountIds)));
        if (asOf != null) {
            where = where.and(Where.sql("ordered_at <= :as_of", Map.of("as_of", SqlInstants.bounded(asOf))));
        }
        return receipts.firstPer("account_id", where, "ordered_at DESC, aggregate_id DESC").stream()
                .collect(Collectors.toMap(
                        ReceiptView::accountId, r -> new RecentOrder(r.receiptId(), r.orderNumber(), r.orderedAt())));
    }
}
