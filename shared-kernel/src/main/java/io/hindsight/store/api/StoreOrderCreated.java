package io.hindsight.store.api;

import io.hindsight.account.api.AccountId;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * An order was taken at the prices of that moment, with {@code pointsUsed} held; {@code amountDue} is left to
 * pay at the provider before {@code paymentDueAt} (null when nothing is due). A gift names its recipient; a
 * coupon order the gift that paid for it.
 */
@Revision("1")
public record StoreOrderCreated(
        StoreOrderId orderId,
        StoreOrderKind kind,
        StoreId storeId,
        AccountId merchantId,
        AccountId customerId,
        List<StoreOrderLine> lines,
        Delivery delivery,
        long total,
        long pointsUsed,
        long amountDue,
        Instant paymentDueAt,
        GiftDetails gift,
        Prepayment prepayment)
        implements StoreOrderEvent {

    public StoreOrderCreated {
        lines = List.copyOf(lines);
    }
}
