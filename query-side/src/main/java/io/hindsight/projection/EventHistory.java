package io.hindsight.projection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/** Reads an aggregate's events straight from the event store (never from a snapshot) and folds them. */
@Component
public class EventHistory {

    private final EventStore eventStore;

    public EventHistory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public List<RecordedEvent> eventsOf(String aggregateId) {
        List<RecordedEvent> events = new ArrayList<>();
        eventStore
                .readEvents(aggregateId, 0)
                .asStream()
                .map(m -> (DomainEventMessage<?>) m)
                .map(RecordedEvent::of)
                .forEach(events::add);
        return events;
    }

    /** The view as it was at {@code instant}: the fold of the events recorded up to then. */
    public <V> Optional<V> asOf(ViewDefinition<V> definition, String aggregateId, Instant instant) {
        return fold(definition, aggregateId, instant);
    }

    /** The fold of the aggregate's events recorded up to {@code until} (all of them when null). */
    public <V> Optional<V> fold(ViewDefinition<V> definition, String aggregateId, Instant until) {
        V view = null;
        for (RecordedEvent event : eventsOf(aggregateId)) {
            if (until != null && event.timestamp().isAfter(until)) {
                break;
            }
            if (definition.aggregateType().equals(event.aggregateType())) {
                view = definition.fold().apply(view, event);
            }
        }
        return Optional.ofNullable(view);
    }
}
