package io.hindsight.snack.api;

import io.hindsight.account.api.AccountId;
import java.util.List;
import org.axonframework.serialization.Revision;

/** A member requested snacks; the order starts CREATED. */
@Revision("1")
public record SnackOrderCreated(SnackOrderId orderId, AccountId requesterId, List<SnackOrderLine> lines)
        implements SnackOrderEvent {

    public SnackOrderCreated {
        lines = List.copyOf(lines);
    }
}
