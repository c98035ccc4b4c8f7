package io.hindsight.snack.api;

import io.hindsight.common.CreatesIfMissing;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A member takes back their reaction to a snack; without one, nothing changes. */
public record WithdrawSnackReaction(
        @TargetAggregateIdentifier SnackReactionId reactionId) implements CreatesIfMissing {}
