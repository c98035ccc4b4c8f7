package io.hindsight.projection;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.annotation.ParameterResolverFactory;

/**
 * A read model kept by one processing group. Its content must be a deterministic function of the events
 * (event timestamps, never wall-clock time or random values, no generated surrogate keys), so that a replay
 * from the first event rebuilds exactly what was there.
 */
public interface Projection {

    /** The processing group, which is also the projection's name in the admin API. */
    String name();

    /**
     * The PostgreSQL tables of this read model (no foreign keys between them). A replay rebuilds them side
     * by side while queries keep reading the old ones, and writes the rows that differ into them.
     */
    default List<String> tables() {
        return List.of();
    }

    /**
     * Rows of tables shared by several projections that belong to this one (its snapshots, say): rebuilt,
     * compared and applied with its own tables, leaving the other projections' rows alone.
     */
    default List<TableSlice> sharedTables() {
        return List.of();
    }

    /**
     * Its tables that a replay writes only by primary key, so that their copies need no other indexes kept up to
     * date through the rebuild.
     */
    default List<String> tablesWrittenByKey() {
        return List.of();
    }

    /**
     * The full names of the event classes it handles, so that a replay reads only those; empty when they
     * cannot be listed (then it reads every event).
     */
    default Optional<Set<String>> payloadTypes() {
        return Optional.empty();
    }

    /** Projections with state outside PostgreSQL are rebuilt in place; their reads answer 503 meanwhile. */
    default boolean rebuiltInPlace() {
        return tables().isEmpty();
    }

    /** True when what a projection rebuilt in place keeps outside PostgreSQL was lost, and must be rebuilt. */
    default boolean lostOutsidePostgres() {
        return false;
    }

    /** Every row (or entry) of the read model, keyed by its identity, as canonical JSON. */
    Map<String, String> snapshot();

    /** Empties the read model before it is rebuilt in place. */
    void reset();

    /** How a replay feeds it events: each call gets one chunk, in order, inside one transaction. */
    Replay replay(ParameterResolverFactory resolvers);

    /** The rows of {@code table} whose {@code ownerColumn} holds {@code owner}. */
    record TableSlice(String table, String ownerColumn, String owner) {}

    /** Handles one chunk of a replay and answers how many of its events the projection handled. */
    @FunctionalInterface
    interface Replay {
        int handle(List<? extends EventMessage<?>> chunk) throws Exception;
    }
}
