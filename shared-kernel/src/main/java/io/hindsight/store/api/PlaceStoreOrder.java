package io.hindsight.store.api;

import io.hindsight.account.api.AccountId;
import io.hindsight.common.CreatesIfMissing;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A customer orders from an open store, spending {@code points} (held at once); what is left is paid at the
 * provider, unless nothing is.
 */
public record PlaceStoreOrder(
        @TargetAggregateIdentifier StoreOrderId orderId,
        AccountId customerId,
        StoreId storeId,
        List<OrderItem> items,
        Delivery delivery,
        long points)
        implements CreatesIfMissing {

    public PlaceStoreOrder {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
