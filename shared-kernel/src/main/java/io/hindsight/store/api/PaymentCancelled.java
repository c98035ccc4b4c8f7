package io.hindsight.store.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.serialization.Revision;

/** The provider cancelled (refunded) the payment {@code paymentId} at our request. */
@Revision("1")
public record PaymentCancelled(
        StoreOrderId orderId, StoreId storeId, AccountId customerId, String paymentId, long amount)
        implements StoreOrderEvent {}
