package io.hindsight.snack.api;

import io.hindsight.common.CreatesIfMissing;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A member likes or hates a snack, or switches from one to the other. */
public record ReactToSnack(@TargetAggregateIdentifier SnackReactionId reactionId, ReactionType reaction)
        implements CreatesIfMissing {}
