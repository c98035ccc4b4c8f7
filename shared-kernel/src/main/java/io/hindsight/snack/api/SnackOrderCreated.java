package io.hindsight.snack.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.serialization.Revision;

import java.util.List;

/** A member requested snacks; the order starts CREATED. */
@Revision("1")
public record SnackOrderCreated(SnackOrderId orderId, AccountId requesterId, List<SnackOrderLine> lines)
        implements SnackOrderEvent {

    public SnackOrderCreated {
        lines = List.copyOf(lines);
    }
}
