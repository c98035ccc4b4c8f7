package io.hindsight.store.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.serialization.Revision;

/** The merchant accepted the order; the points it spends were taken. */
@Revision("1")
public record StoreOrderAccepted(StoreOrderId orderId, StoreId storeId, AccountId customerId)
        implements StoreOrderEvent {}
