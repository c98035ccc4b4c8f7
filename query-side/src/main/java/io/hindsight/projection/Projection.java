package io.hindsight.projection;

import java.util.List;
import java.util.Map;

/**
 * A read model kept by one processing group. Its content must be a deterministic function of the
 * events (event timestamps, never wall-clock time or random values, no generated surrogate keys), so
 * that a replay from the first event rebuilds exactly what was there.
 */
public interface Projection {

    /** The processing group, which is also the projection's name in the admin API. */
    String name();

    /**
     * The PostgreSQL tables of this read model (no foreign keys between them). A replay rebuilds them
     * side by side while queries keep reading the old ones, and swaps them in. Projections kept
     * elsewhere (Redis) return none and are rebuilt in place.
     */
    default List<String> tables() {
        return List.of();
    }

    /** Every row (or entry) of the read model, keyed by its identity, as canonical JSON. */
    Map<String, String> snapshot();
}
