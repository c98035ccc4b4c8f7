package io.hindsight.projection;

import java.util.List;
import java.util.Map;
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
     * by side while queries keep reading the old ones, and swaps them in.
     */
    default List<String> tables() {
        return List.of();
    }

    /** Projections with state outside PostgreSQL are rebuilt in place; their reads answer 503 meanwhile. */
    default boolean rebuiltInPlace() {
        return tables().isEmpty();
    }

    /** Every row (or entry) of the read model, keyed by its identity, as canonical JSON. */
    Map<String, String> snapshot();

    /** Empties the read model before it is rebuilt in place. */
    void reset();

    /** How a replay feeds it events: each call gets one chunk, in order, inside one transaction. */
    Replay replay(ParameterResolverFactory resolvers);

    /** Handles one chunk of a replay and answers how many of its events the projection handled. */
    @FunctionalInterface
    interface Replay {
        int handle(List<? extends EventMessage<?>> chunk) throws Exception;
    }
}
