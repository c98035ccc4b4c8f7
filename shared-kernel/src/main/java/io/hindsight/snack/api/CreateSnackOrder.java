package io.hindsight.snack.api;

import io.hindsight.account.api.AccountId;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A member requests snacks; none of them may still be in another order that has not shipped. */
public record CreateSnackOrder(
        @TargetAggregateIdentifier SnackOrderId orderId, AccountId requesterId, List<SnackOrderItem> items) {

    public CreateSnackOrder {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
