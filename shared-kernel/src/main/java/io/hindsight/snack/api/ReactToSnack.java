package io.hindsight.snack.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A member likes or hates a snack, or switches from one to the other. */
public record ReactToSnack(@TargetAggregateIdentifier SnackReactionId reactionId, ReactionType reaction) {}
