package io.hindsight.snack.api;

/** How a member feels about a snack. */
public enum ReactionType {
    LIKE,
    HATE
}
