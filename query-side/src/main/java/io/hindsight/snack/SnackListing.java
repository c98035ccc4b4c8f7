package io.hindsight.snack;

import io.hindsight.snack.api.ReactionType;

/** A snack with its reaction counts, and the caller's own reaction (null: none). */
public record SnackListing(SnackView snack, ReactionTally tally, ReactionType myReaction) {}
