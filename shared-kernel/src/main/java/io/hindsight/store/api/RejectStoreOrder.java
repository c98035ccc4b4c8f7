package io.hindsight.store.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The store's merchant rejects a placed order: its payment is cancelled at the provider, its points released. An
 * ADMIN may reject any store's order ({@code byAdmin}), placed or accepted (whose spent points are then given back):
 * the way out for orders a resigned merchant left behind.
 */
public record RejectStoreOrder(
        @TargetAggregateIdentifier StoreOrderId orderId, AccountId merchantId, String reason, boolean byAdmin)
        implements StoreOrderCommand {}
