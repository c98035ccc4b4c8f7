package io.hindsight.snack.api;

import org.axonframework.serialization.Revision;

/** A member withdrew their {@code previous} reaction to a snack. */
@Revision("1")
public record SnackReactionWithdrawn(SnackReactionId reactionId, ReactionType previous) implements SnackReactionEvent {}
