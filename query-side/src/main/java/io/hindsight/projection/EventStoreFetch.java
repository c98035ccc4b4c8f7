package io.hindsight.projection;

import java.util.Set;

/**
 * This node's reader of the event store. It reads local commits as they happen but other nodes' commits only at its
 * next poll; a read waiting for a projection to fold another node's commit asks it to read them now.
 */
public interface EventStoreFetch {

    /**
     * Reads what is committed now, wherever, and wakes the projection processors that fold events of these types (full
     * class names; every processor when none are given).
     */
    void fetchNow(Set<String> payloadTypes);
}
