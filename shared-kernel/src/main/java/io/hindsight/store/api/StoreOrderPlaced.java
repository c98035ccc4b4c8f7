package io.hindsight.store.api;

import io.hindsight.account.api.AccountId;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * The order reached the store: paid in full ({@code paymentId} at the provider, null when points or a coupon
 * covered it), waiting for the merchant. It repeats what the store needs to prepare it.
 */
@Revision("1")
public record StoreOrderPlaced(
        StoreOrderId orderId,
        StoreId storeId,
        AccountId customerId,
        StoreOrderKind kind,
        List<StoreOrderLine> lines,
        Delivery delivery,
        long amountDue,
        long pointsUsed,
        String paymentId,
        long amountPaid)
        implements StoreOrderEvent {

    public StoreOrderPlaced {
        lines = List.copyOf(lines);
    }
}
