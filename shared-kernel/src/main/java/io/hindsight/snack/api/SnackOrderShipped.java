package io.hindsight.snack.api;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** The snacks are on their way and should arrive on {@code estimatedArrival}. */
@Revision("1")
public record SnackOrderShipped(SnackOrderId orderId, LocalDate estimatedArrival)
        implements SnackOrderEvent, SnackOrderStatusChange {

    @Override
    public SnackOrderStatus newStatus() {
        return SnackOrderStatus.SHIPPING;
    }
}
