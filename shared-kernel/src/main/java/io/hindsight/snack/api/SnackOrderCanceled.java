package io.hindsight.snack.api;

import org.axonframework.serialization.Revision;

/** The order was canceled before it was ordered: by an ADMIN, or by its requester while it was CREATED. */
@Revision("1")
public record SnackOrderCanceled(SnackOrderId orderId) implements SnackOrderEvent, SnackOrderStatusChange {

    @Override
    public SnackOrderStatus newStatus() {
        return SnackOrderStatus.CANCELED;
    }
}
