package io.hindsight.projection;

import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.stereotype.Component;

/**
 * The live side of a fold: load the aggregate's row, apply the event, save it in one statement.
 * Redelivered events (sequence not newer than the row's) change nothing.
 */
@Component
public class FoldProjector {

    private final ViewStore store;

    public FoldProjector(ViewStore store) {
        this.store = store;
    }

    public <V> void project(ViewDefinition<V> definition, DomainEventMessage<?> message) {
        RecordedEvent event = RecordedEvent.of(message);
        StoredView<V> current = store.load(definition, event.aggregateId()).orElse(null);
        if (current != null && current.lastSequence() >= event.sequence()) {
            return;
        }
        V next = definition.fold().apply(current == null ? null : current.view(), event);
        if (next != null) {
            store.save(definition, event.aggregateId(), next, event.sequence(), event.timestamp());
        }
    }
}
