package io.hindsight.snack.api;

import org.axonframework.serialization.Revision;

/** The snacks arrived; the order is done. */
@Revision("1")
public record SnackOrderCompleted(SnackOrderId orderId) implements SnackOrderEvent, SnackOrderStatusChange {

    @Override
    public SnackOrderStatus newStatus() {
        return SnackOrderStatus.COMPLETED;
    }
}
