package io.hindsight.snack;

import io.hindsight.snack.api.ReactionType;

/**
 * One member's reaction to one snack now. Its changes over time are rows of their own ({@link SnackReactionChanges}):
 * kept in the view, they made every switch rewrite all the switches before it.
 */
public record SnackReactionView(String reactionId, String snackId, String accountId, ReactionType reaction) {}
