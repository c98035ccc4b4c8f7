package io.hindsight.projection;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the event store in global order by position, upcast and deserialized like Axon reads it. Unlike
 * Axon's non-blocking stream, which looks at a fixed window of positions and stops at the first empty
 * one, it pages with a limit, so long runs of rolled-back positions never end a read early.
 */
@Component
public class EventStoreReader {

    private final JdbcClient jdbc;
    private final Serializer serializer;
    private final Configuration axon;

    public EventStoreReader(JdbcClient jdbc, @Qualifier("eventSerializer") Serializer serializer, Configuration axon) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.axon = axon;
    }

    /**
     * Up to {@code limit} events with {@code after < position <= upTo} whose stored payload type is one of
     * {@code payloadTypes} (full class names; none: every event), filtered by PostgreSQL on the column as stored: the
     * others are neither sent nor deserialized. An upcaster that renames an event type must keep its old name in such
     * a list. (Matching each row's simple name instead, a regex per row, took 2 s a page of a rare type over 500,000
     * events.)
     */
    public List<TrackedEventMessage<?>> readOfTypes(long after, long upTo, int limit, Collection<String> payloadTypes) {
        return read(after, upTo, limit, payloadTypes, " AND payload_type IN (:types)");
    }

    private List<TrackedEventMessage<?>> read(
            long after, long upTo, int limit, Collection<String> types, String filter) {
        String typeFilter = types.isEmpty() ? "" : filter;
        var query = jdbc.sql("""
                        SELECT global_index, type, aggregate_identifier, sequence_number, event_identifier, time_stamp,
                               payload_type, payload_revision, payload, meta_data
                        FROM domain_event_entry WHERE global_index > :after AND global_index <= :upTo""" + typeFilter + " ORDER BY global_index LIMIT :limit")
                .param("after", after)
                .param("upTo", upTo)
                .param("limit", limit);
        if (!types.isEmpty()) {
            query = query.param("types", types);
        }
        List<TrackedDomainEventData<byte[]>> rows = query.query((rs, n) -> new TrackedDomainEventData<>(
                        GapAwareTrackingToken.newInstance(rs.getLong("global_index"), Collections.emptySortedSet()),
                        entry(rs)))
                .list();
        return EventUtils.upcastAndDeserializeTrackedEvents(rows.stream(), serializer, axon.upcasterChain())
                .toList();
    }

    /**
     * Up to {@code limit} events of one aggregate from sequence {@code from} on, in order, upcast and lazily
     * deserialized like Axon reads them, but never from a snapshot and never more rows than asked for.
     */
    public List<DomainEventMessage<?>> aggregateEvents(String aggregateId, long from, int limit) {
        List<GenericDomainEventEntry<byte[]>> rows = jdbc.sql("""
                        SELECT type, aggregate_identifier, sequence_number, event_identifier, time_stamp, payload_type,
                               payload_revision, payload, meta_data
                        FROM domain_event_entry WHERE aggregate_identifier = :id AND sequence_number >= :from
                        ORDER BY sequence_number LIMIT :limit""")
                .param("id", aggregateId)
                .param("from", from)
                .param("limit", limit)
                .query((rs, n) -> entry(rs))
                .list();
        return EventStreamUtils.upcastAndDeserializeDomainEvents(rows.stream(), serializer, axon.upcasterChain())
                .asStream()
                .<DomainEventMessage<?>>map(event -> event)
                .toList();
    }

    private static GenericDomainEventEntry<byte[]> entry(ResultSet rs) throws SQLException {
        return new StoredEntry(
                rs.getString("type"),
                rs.getString("aggregate_identifier"),
                rs.getLong("sequence_number"),
                rs.getString("event_identifier"),
                rs.getString("time_stamp"),
                rs.getString("payload_type"),
                rs.getString("payload_revision"),
                rs.getBytes("payload"),
                rs.getBytes("meta_data"));
    }

    /** A stored event whose timestamp is read by {@link StoredTimestamps}. */
    private static final class StoredEntry extends GenericDomainEventEntry<byte[]> {

        private final String timestamp;

        StoredEntry(
                String type,
                String aggregateId,
                long sequence,
                String eventId,
                String timestamp,
                String payloadType,
                String payloadRevision,
                byte[] payload,
                byte[] metadata) {
            super(type, aggregateId, sequence, eventId, timestamp, payloadType, payloadRevision, payload, metadata);
            this.timestamp = timestamp;
        }

        @Override
        public Instant getTimestamp() {
            return StoredTimestamps.parse(timestamp);
        }
    }

    public static long positionOf(TrackedEventMessage<?> event) {
        return event.trackingToken().position().orElseThrow();
    }
}
