package io.hindsight.projection;

import java.util.List;
import java.util.Map;

/**
 * Rows or entries derived from a read model's view and kept in step with it by the same projection, such
 * as one list row per booking of a slot or the Redis sets of who likes a snack. It sees each event after
 * the view has folded it, and must be idempotent: a redelivered event writes the same thing again.
 */
public interface ViewFollower<V> {

    void follow(Step<V> step);

    /**
     * The events of one batch, in order, each with the view after it; written in the batch's transaction
     * when its rows are. Followers that can write many rows in one statement override it.
     */
    default void followAll(List<Step<V>> steps) {
        steps.forEach(this::follow);
    }

    /**
     * Like {@link #followAll}, for a replay building the follower's rows in empty copies: each event comes
     * exactly once and none of its rows can exist yet, so they may be written without conflict handling.
     */
    default void rebuildAll(List<Step<V>> steps) {
        followAll(steps);
    }

    /** Its PostgreSQL tables, which a replay rebuilds side by side with the view's table. */
    default List<String> tables() {
        return List.of();
    }

    /** Those of its tables it writes only by primary key (see {@link Projection#tablesWrittenByKey()}). */
    default List<String> tablesWrittenByKey() {
        return List.of();
    }

    /** True when it keeps state outside PostgreSQL: the projection is then rebuilt in place. */
    default boolean keptOutsidePostgres() {
        return false;
    }

    /**
     * True when the state it keeps outside PostgreSQL is gone while the view's rows are not (Redis lost its data): the
     * projection is then rebuilt in place.
     */
    default boolean lost() {
        return false;
    }

    /** Clears state kept outside PostgreSQL (its tables are cleared with the view's). */
    default void reset() {}

    /** Entries kept outside PostgreSQL, keyed and rendered canonically, for replay verification. */
    default Map<String, String> snapshot() {
        return Map.of();
    }

    /** One event folded by the read model, with the view before it (null for the aggregate's first) and after it. */
    record Step<V>(V before, V view, RecordedEvent event) {}
}
