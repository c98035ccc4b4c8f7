package io.hindsight.snack.api;

import java.util.List;
import org.axonframework.serialization.Revision;

/** The requester replaced the items of a CREATED order with {@code lines}. */
@Revision("1")
public record SnackOrderItemsRevised(SnackOrderId orderId, List<SnackOrderLine> lines) implements SnackOrderEvent {

    public SnackOrderItemsRevised {
        lines = List.copyOf(lines);
    }
}
