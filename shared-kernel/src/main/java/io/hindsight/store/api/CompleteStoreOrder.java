package io.hindsight.store.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The store's merchant completes an accepted order: the store is paid and the customer earns points. */
public record CompleteStoreOrder(@TargetAggregateIdentifier StoreOrderId orderId, AccountId merchantId)
        implements StoreOrderCommand {}
