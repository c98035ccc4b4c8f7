package io.hindsight.snack.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The requester cancels their own order, which is possible only while it is CREATED. */
public record CancelSnackOrder(@TargetAggregateIdentifier SnackOrderId orderId, AccountId requesterId)
        implements SnackOrderCommand {}
