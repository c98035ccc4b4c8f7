package io.hindsight.snack.api;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** The snacks are on their way and should arrive on {@code estimatedArrival}. */
@Revision("1")
public record SnackOrderShipped(SnackOrderId orderId, LocalDate estimatedArrival)
        implements SnackOrderEvent, SnackOrderStatusChange {

    @Override
    public SnackOrderStatus newStatus() {
        return SnackOrderStatus.SHIPPING;
    }
}
