package io.hindsight.projection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
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
    private final LongAdder eventsRead = new LongAdder();

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
        return read(aggregateId, fromSequence, Long.MAX_VALUE, until, FIRST_PAGE, RecordedEvent::of);
    }

    /** The events with sequences from {@code fromSequence} up to (not including) {@code toSequence}, in order. */
    public List<RecordedEvent> eventsBetween(String aggregateId, long fromSequence, long toSequence) {
        return read(aggregateId, fromSequence, toSequence, Instant.MAX, NEXT_PAGES, RecordedEvent::of);
    }

    /** As {@link #eventsBetween}, with an event that no longer reads shown as {@link UnreadablePayload}. */
    public List<RecordedEvent> eventsToShowBetween(String aggregateId, long fromSequence, long toSequence) {
        return read(aggregateId, fromSequence, toSequence, Instant.MAX, NEXT_PAGES, RecordedEvent::toShow);
    }

    /**
     * Up to {@code limit} events from sequence {@code fromSequence} on, in order, shown as {@link #eventsToShowBetween}
     * shows them: a page by count, so a gap in the sequences (events deleted by hand) never ends a reading early.
     */
    public List<RecordedEvent> eventsToShowFrom(String aggregateId, long fromSequence, int limit) {
        List<RecordedEvent> events = reader.getObject().aggregateEvents(aggregateId, fromSequence, limit).stream()
                .map(RecordedEvent::toShow)
                .toList();
        eventsRead.add(events.size());
        return events;
    }

    private List<RecordedEvent> read(
            String aggregateId,
            long fromSequence,
            long toSequence,
            Instant until,
            int firstPage,
            Function<DomainEventMessage<?>, RecordedEvent> recorded) {
        List<RecordedEvent> events = new ArrayList<>();
        long next = fromSequence;
        int page = firstPage;
        while (next < toSequence) {
            int asked = (int) Math.min(page, toSequence - next);
            List<DomainEventMessage<?>> read = reader.getObject().aggregateEvents(aggregateId, next, asked);
            for (DomainEventMessage<?> event : read) {
                if (event.getTimestamp().isAfter(until) || event.getSequenceNumber() >= toSequence) {
                    return events;
                }
                events.add(recorded.apply(event));
                eventsRead.increment();
                next = event.getSequenceNumber() + 1;
            }
            if (read.size() < asked) {
                return events;
            }
            page = NEXT_PAGES;
        }
        return events;
    }

    /** How many events all reads have taken from the event store so far, for tests and metrics. */
    public long eventsRead() {
        return eventsRead.sum();
    }
}
