package io.hindsight.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.hindsight.audit.AuditTrail.AuditedEvent;
import io.hindsight.query.QueryRole;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        Map<String, Map<Long, AuditedEvent>> trails = new HashMap<>();
        List<CorrelatedEvent> events = new ArrayList<>();
        for (Located at : located.subList(0, Math.min(located.size(), MAX_EVENTS))) {
            AuditedEvent event =
                    trails.computeIfAbsent(at.aggregateId(), this::bySequence).get(at.sequence());
            if (event != null) {
                events.add(CorrelatedEvent.of(at, event));
            }
        }
        return new Correlated(correlationId, events, truncated);
    }

    private Map<Long, AuditedEvent> bySequence(String aggregateId) {
        Map<Long, AuditedEvent> bySequence = new HashMap<>();
        audit.eventsOf(aggregateId).forEach(event -> bySequence.put(event.sequence(), event));
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
