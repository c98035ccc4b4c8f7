package io.hindsight.store.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The store's merchant rejects a placed order: its payment is cancelled at the provider, its points released. */
public record RejectStoreOrder(@TargetAggregateIdentifier StoreOrderId orderId, AccountId merchantId, String reason)
        implements StoreOrderCommand {}
