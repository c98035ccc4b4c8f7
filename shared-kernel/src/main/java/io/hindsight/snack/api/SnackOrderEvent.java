package io.hindsight.snack.api;

/** Everything that can happen to a snack order. */
public sealed interface SnackOrderEvent
        permits SnackOrderCreated,
                SnackOrderItemsRevised,
                SnackOrderApproved,
                SnackOrderPurchased,
                SnackOrderShipped,
                SnackOrderCompleted,
                SnackOrderCanceled {

    SnackOrderId orderId();
}
