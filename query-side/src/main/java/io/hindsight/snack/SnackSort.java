package io.hindsight.snack;

/** Orders of the snack list. */
public enum SnackSort {
    /** Like/hate ratio, best first (see {@link ReactionTally}); the default. */
    RATIO,
    /** Most recently registered first. */
    NEWEST,
    /** By name, case-insensitively. */
    NAME
}
