package io.hindsight.projection;

import java.util.Optional;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Reads one aggregate's view with read-your-writes: the stored row when the projection has folded the
 * aggregate's latest event, otherwise the same fold applied to the events straight from the store.
 */
@Component
public class Views {

    private final ViewStore store;
    private final EventHistory history;
    private final EventStore eventStore;

    public Views(ViewStore store, EventHistory history, EventStore eventStore) {
        this.store = store;
        this.history = history;
        this.eventStore = eventStore;
    }

    public <V> Optional<V> current(ViewDefinition<V> definition, String aggregateId) {
        Optional<StoredView<V>> stored = store.load(definition, aggregateId);
        Optional<Long> latest = eventStore.lastSequenceNumberFor(aggregateId);
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        if (stored.isPresent() && stored.get().lastSequence() >= latest.get()) {
            return Optional.of(stored.get().view());
        }
        return history.fold(definition, aggregateId, null);
    }
}
