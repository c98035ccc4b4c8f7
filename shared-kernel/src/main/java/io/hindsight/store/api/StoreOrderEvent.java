package io.hindsight.store.api;

import io.hindsight.account.api.AccountId;

/** Everything that can happen to an order; each names the store and the customer it concerns. */
public sealed interface StoreOrderEvent
        permits StoreOrderCreated,
                StoreOrderPlaced,
                GiftPaid,
                PaymentRefused,
                StoreOrderRefused,
                PaymentCancelled,
                PaymentCancelledAtProvider,
                PaymentCancelRefused,
                StoreOrderExpired,
                StoreOrderAccepted,
                StoreOrderRejected,
                StoreOrderCompleted,
                GiftRefunded {

    StoreOrderId orderId();

    StoreId storeId();

    AccountId customerId();
}
