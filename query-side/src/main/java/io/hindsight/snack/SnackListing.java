package io.hindsight.snack;

import io.hindsight.snack.api.ReactionType;

/**
 * A snack with its reaction counts, the caller's own reaction (null: none), and whether it can be requested
 * now: not retired and not in an order that has not shipped (null when asked as of an instant).
 */
public record SnackListing(SnackView snack, ReactionTally tally, ReactionType myReaction, Boolean requestable) {}
