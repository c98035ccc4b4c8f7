package io.hindsight.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.hindsight.audit.AuditTrail.AuditedEvent;
import io.hindsight.query.Paging;
import io.hindsight.query.QueryRole;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Everything one request caused: the events of every aggregate recorded with its correlation id, in the
 * event store's global order, each with the business fields it changed.
 */
@QueryRole
@Service
public class CorrelationTrail {

    static final int MAX_EVENTS = 1000;

    private final JdbcClient jdbc;
    private final AuditTrail audit;

    public CorrelationTrail(JdbcClient jdbc, AuditTrail audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    public Correlated eventsOf(String correlationId) {
        List<Located> located = jdbc.sql("""
                        SELECT c.aggregate_id, c.sequence_number, e.global_index
                        FROM audit_correlation c
                        JOIN domain_event_entry e
                          ON e.aggregate_identifier = c.aggregate_id AND e.sequence_number = c.sequence_number
                        WHERE c.correlation_id = :id
                        ORDER BY e.global_index
                        LIMIT :limit""")
                .param("id", correlationId)
                .param("limit", MAX_EVENTS + 1)
                .query((rs, n) -> new Located(rs.getString(1), rs.getLong(2), rs.getLong(3)))
                .list();
        boolean truncated = located.size() > MAX_EVENTS;
        List<Located> shown = located.subList(0, Math.min(located.size(), MAX_EVENTS));
        Map<String, TreeSet<Long>> sequences = new HashMap<>();
        shown.forEach(at -> sequences
                .computeIfAbsent(at.aggregateId(), id -> new TreeSet<>())
                .add(at.sequence()));
        Map<String, Map<Long, AuditedEvent>> trails = new HashMap<>();
        sequences.forEach((aggregateId, named) -> trails.put(aggregateId, atSequences(aggregateId, named)));
        List<CorrelatedEvent> events = new ArrayList<>();
        for (Located at : shown) {
            AuditedEvent event = trails.get(at.aggregateId()).get(at.sequence());
            if (event != null) {
                events.add(CorrelatedEvent.of(at, event));
            }
        }
        return new Correlated(correlationId, events, truncated);
    }

    /**
     * The aggregate's audited events at the sequences named, read a page around them at a time, each page's views
     * started from their latest snapshot before it: a request's one change of an account of 10,000 events used to
     * read, fold and diff all of them.
     */
    private Map<Long, AuditedEvent> atSequences(String aggregateId, TreeSet<Long> named) {
        Map<Long, AuditedEvent> bySequence = new HashMap<>();
        Long from = named.first();
        while (from != null) {
            long last = named.floor(from + Paging.MAX_LIMIT - 1);
            audit.eventsOf(aggregateId, new Paging(Math.toIntExact(from), (int) (last - from + 1)))
                    .forEach(event -> bySequence.put(event.sequence(), event));
            from = named.higher(last);
        }
        return bySequence;
    }

    private record Located(String aggregateId, long sequence, long position) {}

    /** The events of one correlation id; {@code truncated} when there were more than {@value #MAX_EVENTS}. */
    public record Correlated(String correlationId, List<CorrelatedEvent> events, boolean truncated) {}

    public record CorrelatedEvent(
            long position,
            String aggregateId,
            String aggregateType,
            long sequence,
            String type,
            Instant timestamp,
            String actorId,
            String correlationId,
            JsonNode payload,
            List<JsonDiff.Change> changes,
            @JsonInclude(JsonInclude.Include.NON_NULL) String unreadable) {

        static CorrelatedEvent of(Located at, AuditedEvent event) {
            return new CorrelatedEvent(
                    at.position(),
                    at.aggregateId(),
                    event.aggregateType(),
                    event.sequence(),
                    event.type(),
                    event.timestamp(),
                    event.actorId(),
                    event.correlationId(),
                    event.payload(),
                    event.changes(),
                    event.unreadable());
        }
    }
}
