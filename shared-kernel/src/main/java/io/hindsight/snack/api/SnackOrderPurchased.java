package io.hindsight.snack.api;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** An ADMIN ordered the snacks from the supplier; they should arrive on {@code estimatedArrival}. */
@Revision("1")
public record SnackOrderPurchased(SnackOrderId orderId, LocalDate estimatedArrival)
        implements SnackOrderEvent, SnackOrderStatusChange {

    @Override
    public SnackOrderStatus newStatus() {
        return SnackOrderStatus.ORDERED;
    }
}
