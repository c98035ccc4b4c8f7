package io.hindsight.snack.api;

import org.axonframework.serialization.Revision;

/** A member's reaction to a snack became {@code reaction}; {@code previous} is null for a first reaction. */
@Revision("1")
public record SnackReacted(SnackReactionId reactionId, ReactionType reaction, ReactionType previous)
        implements SnackReactionEvent {}
