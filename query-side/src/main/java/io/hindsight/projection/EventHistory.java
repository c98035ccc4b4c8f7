package io.hindsight.projection;

import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
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
        return eventStore
                .getObject()
                .readEvents(aggregateId, 0)
                .asStream()
                .map(m -> RecordedEvent.of((DomainEventMessage<?>) m))
                .toList();
    }
}
