package io.hindsight.platform.axon;

import com.fasterxml.jackson.databind.module.SimpleModule;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Sets read in the order they were written. Jackson's default, a HashSet, iterates enums by identity hash: an event's
 * roles were shown in another order after every restart and on every node, though the stored bytes never changed,
 * and an aggregate read from its snapshot held its sets in another order than one read from its events.
 */
final class SetsInStoredOrder {

    private SetsInStoredOrder() {}

    static SimpleModule module() {
        return new SimpleModule("hindsight-sets-in-stored-order")
                .addAbstractTypeMapping(Set.class, LinkedHashSet.class);
    }
}
