package io.hindsight.store.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The store's merchant accepts a placed order: the points it spends are taken for good. */
public record AcceptStoreOrder(@TargetAggregateIdentifier StoreOrderId orderId, AccountId merchantId)
        implements StoreOrderCommand {}
