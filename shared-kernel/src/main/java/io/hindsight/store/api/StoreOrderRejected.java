package io.hindsight.store.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.serialization.Revision;

/** The merchant rejected the order; its points were released and its payment, if any, is to be cancelled. */
@Revision("1")
public record StoreOrderRejected(
        StoreOrderId orderId, StoreId storeId, AccountId customerId, String reason, String paymentToCancel)
        implements StoreOrderEvent {}
