package io.hindsight.snack.api;

import io.hindsight.account.api.AccountId;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The requester replaces the items of their order, which is possible only while it is CREATED. */
public record ReviseSnackOrderItems(
        @TargetAggregateIdentifier SnackOrderId orderId, AccountId requesterId, List<SnackOrderItem> items)
        implements SnackOrderCommand {

    public ReviseSnackOrderItems {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
