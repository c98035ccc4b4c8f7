package io.hindsight.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import io.hindsight.projection.EventHistory;
import io.hindsight.projection.ReadModel;
import io.hindsight.projection.RecordedEvent;
import io.hindsight.query.Paging;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * The history of any aggregate: each event with who, when and why (correlation id), and which business
 * fields of the aggregate's read models it changed - computed with the same folds the live projections use.
 */
@Service
public class AuditTrail {

    private final EventHistory history;
    private final ObjectProvider<ReadModel<?>> readModels;
    private final ObjectMapper json;

    public AuditTrail(EventHistory history, ObjectProvider<ReadModel<?>> readModels, ObjectMapper json) {
        this.history = history;
        this.readModels = readModels;
        this.json = json;
    }

    public List<AuditedEvent> eventsOf(String aggregateId) {
        return audited(eventsOrNotFound(aggregateId), 0);
    }

    /**
     * The events with sequences {@code offset} to {@code offset + limit - 1}: the ones before are folded for the
     * changes, not shown; the ones after are not read.
     */
    public List<AuditedEvent> eventsOf(String aggregateId, Paging paging) {
        List<RecordedEvent> events = history.eventsBetween(aggregateId, 0, (long) paging.offset() + paging.limit());
        if (events.isEmpty()) {
            throw new BusinessException(CommonError.NOT_FOUND, "No aggregate %s", aggregateId);
        }
        return audited(events, paging.offset());
    }

    private List<AuditedEvent> audited(List<RecordedEvent> events, long shownFrom) {
        List<ReadModel<?>> models = modelsOf(events.get(0));
        Map<String, Object> current = new LinkedHashMap<>();
        List<AuditedEvent> audited = new ArrayList<>();
        for (RecordedEvent event : events) {
            boolean shown = event.sequence() >= shownFrom;
            List<JsonDiff.Change> changes = new ArrayList<>();
            for (ReadModel<?> model : models) {
                Object before = current.get(model.name());
                Object after = apply(model, before, event);
                current.put(model.name(), after);
                if (!shown) {
                    continue;
                }
                String prefix = models.size() > 1 ? model.name() + ":" : "";
                JsonDiff.between(toJson(audited(model, before)), toJson(audited(model, after)))
                        .forEach(change ->
                                changes.add(new JsonDiff.Change(prefix + change.field(), change.from(), change.to())));
            }
            if (shown) {
                audited.add(new AuditedEvent(
                        event.sequence(),
                        event.payload().getClass().getSimpleName(),
                        event.aggregateType(),
                        event.timestamp(),
                        event.actorId(),
                        event.correlationId(),
                        json.valueToTree(event.payload()),
                        changes));
            }
        }
        return audited;
    }

    /** Every read model of the aggregate as it was at {@code instant}, keyed by read model. */
    public Map<String, JsonNode> stateAsOf(String aggregateId, Instant instant) {
        List<RecordedEvent> events = eventsOrNotFound(aggregateId);
        Map<String, JsonNode> state = new LinkedHashMap<>();
        for (ReadModel<?> model : modelsOf(events.get(0))) {
            Object folded = null;
            for (RecordedEvent event : events) {
                if (event.timestamp().isAfter(instant)) {
                    break;
                }
                folded = apply(model, folded, event);
            }
            state.put(model.name(), toJson(folded));
        }
        return state;
    }

    private List<RecordedEvent> eventsOrNotFound(String aggregateId) {
        List<RecordedEvent> events = history.eventsOf(aggregateId);
        if (events.isEmpty()) {
            throw new BusinessException(CommonError.NOT_FOUND, "No aggregate %s", aggregateId);
        }
        return events;
    }

    private List<ReadModel<?>> modelsOf(RecordedEvent first) {
        return readModels
                .orderedStream()
                .filter(model -> model.folds(first.payload().getClass()))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static <V> Object apply(ReadModel<V> model, Object before, RecordedEvent event) {
        return model.apply((V) before, event);
    }

    @SuppressWarnings("unchecked")
    private static <V> Object audited(ReadModel<V> model, Object view) {
        return model.audited((V) view);
    }

    private JsonNode toJson(Object view) {
        return view == null ? NullNode.getInstance() : json.valueToTree(view);
    }

    public record AuditedEvent(
            long sequence,
            String type,
            String aggregateType,
            Instant timestamp,
            String actorId,
            String correlationId,
            JsonNode payload,
            List<JsonDiff.Change> changes) {}
}
