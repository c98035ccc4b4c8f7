package io.hindsight.snack.api;

/** Everything that can happen to one member's reaction to one snack. */
public sealed interface SnackReactionEvent permits SnackReacted, SnackReactionWithdrawn {

    SnackReactionId reactionId();
}
