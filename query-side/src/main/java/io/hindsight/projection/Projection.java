package io.hindsight.projection;

import java.util.Map;

/**
 * A read model kept by one processing group. Its content must be a deterministic function of the
 * events (no wall-clock time, no randomness), so that a replay from the first event rebuilds exactly
 * what was there; {@link #snapshot()} is what replay verification compares before and after.
 */
public interface Projection {

    /** The processing group, which is also the projection's name in the admin API. */
    String name();

    /** Every row (or entry) of the read model, keyed by its identity, as canonical JSON. */
    Map<String, String> snapshot();
}
