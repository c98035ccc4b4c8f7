package io.hindsight.projection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Reads an aggregate's events straight from the event store, never from a snapshot. */
@Component
public class EventHistory {

    private final ObjectProvider<EventStore> eventStore;

    public EventHistory(ObjectProvider<EventStore> eventStore) {
        this.eventStore = eventStore;
    }

    public List<RecordedEvent> eventsOf(String aggregateId) {
        return eventsOf(aggregateId, 0, Instant.MAX);
    }

    /**
     * The events from sequence {@code fromSequence} on, in order, up to (not including) the first one recorded
     * after {@code until}; the events after that are neither read further nor deserialized.
     */
    public List<RecordedEvent> eventsOf(String aggregateId, long fromSequence, Instant until) {
        DomainEventStream stream = eventStore.getObject().readEvents(aggregateId, fromSequence);
        List<RecordedEvent> events = new ArrayList<>();
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (event.getTimestamp().isAfter(until)) {
                break;
            }
            events.add(RecordedEvent.of(event));
        }
        return events;
    }
}
