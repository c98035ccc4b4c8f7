package io.hindsight.projection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Reads an aggregate's events straight from the event store, never from a snapshot. */
@Component
public class EventHistory {

    /** A read that starts from a stored view or snapshot needs few events: the first page asks for no more. */
    private static final int FIRST_PAGE = ReadModel.SNAPSHOT_EVERY + 1;

    private static final int NEXT_PAGES = 500;

    private final ObjectProvider<EventStoreReader> reader;

    public EventHistory(ObjectProvider<EventStoreReader> reader) {
        this.reader = reader;
    }

    public List<RecordedEvent> eventsOf(String aggregateId) {
        return eventsOf(aggregateId, 0, Instant.MAX);
    }

    /**
     * The events from sequence {@code fromSequence} on, in order, up to (not including) the first one recorded
     * after {@code until}; the events after that are neither read further nor deserialized.
     */
    public List<RecordedEvent> eventsOf(String aggregateId, long fromSequence, Instant until) {
        List<RecordedEvent> events = new ArrayList<>();
        long next = fromSequence;
        int page = FIRST_PAGE;
        while (true) {
            List<DomainEventMessage<?>> read = reader.getObject().aggregateEvents(aggregateId, next, page);
            for (DomainEventMessage<?> event : read) {
                if (event.getTimestamp().isAfter(until)) {
                    return events;
                }
                events.add(RecordedEvent.of(event));
                next = event.getSequenceNumber() + 1;
            }
            if (read.size() < page) {
                return events;
            }
            page = NEXT_PAGES;
        }
    }

    /** The events with sequences from {@code fromSequence} up to (not including) {@code toSequence}, in order. */
    public List<RecordedEvent> eventsBetween(String aggregateId, long fromSequence, long toSequence) {
        List<RecordedEvent> events = new ArrayList<>();
        long next = fromSequence;
        while (next < toSequence) {
            int page = (int) Math.min(NEXT_PAGES, toSequence - next);
            List<DomainEventMessage<?>> read = reader.getObject().aggregateEvents(aggregateId, next, page);
            for (DomainEventMessage<?> event : read) {
                if (event.getSequenceNumber() >= toSequence) {
                    return events;
                }
                events.add(RecordedEvent.of(event));
                next = event.getSequenceNumber() + 1;
            }
            if (read.size() < page) {
                return events;
            }
        }
        return events;
    }
}
