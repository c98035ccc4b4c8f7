package io.hindsight.snack.api;

import org.axonframework.serialization.Revision;

/** An ADMIN canceled the order before it was ordered from the supplier. */
@Revision("1")
public record SnackOrderCanceled(SnackOrderId orderId) implements SnackOrderEvent, SnackOrderStatusChange {

    @Override
    public SnackOrderStatus newStatus() {
        return SnackOrderStatus.CANCELED;
    }
}
