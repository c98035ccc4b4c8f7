package io.hindsight.snack.api;

import org.axonframework.serialization.Revision;

/** An ADMIN approved the order. */
@Revision("1")
public record SnackOrderApproved(SnackOrderId orderId) implements SnackOrderEvent, SnackOrderStatusChange {

    @Override
    public SnackOrderStatus newStatus() {
        return SnackOrderStatus.APPROVED;
    }
}
