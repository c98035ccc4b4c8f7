package io.hindsight.snack.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The order's requester resigned: still CREATED, nobody has acted on it, so it is canceled and its snacks can be
 * requested by others; APPROVED or later, the office has taken it on and it goes on. Sent by the resignation, in
 * its transaction.
 */
public record RequesterLeft(@TargetAggregateIdentifier SnackOrderId orderId, AccountId requesterId)
        implements SnackOrderCommand {}
