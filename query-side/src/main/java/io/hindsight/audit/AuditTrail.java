package io.hindsight.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import io.hindsight.projection.EventHistory;
import io.hindsight.projection.Fold;
import io.hindsight.projection.RecordedEvent;
import io.hindsight.projection.ViewDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * The history of any aggregate: each event with who, when and why (correlation id), and what it
 * changed in the aggregate's views - computed with the same folds the live projections use.
 */
@Service
public class AuditTrail {

    private final EventHistory history;
    private final ObjectProvider<ViewDefinition<?>> definitions;
    private final ObjectMapper json;

    public AuditTrail(EventHistory history, ObjectProvider<ViewDefinition<?>> definitions, ObjectMapper json) {
        this.history = history;
        this.definitions = definitions;
        this.json = json;
    }

    public List<AuditedEvent> eventsOf(String aggregateId) {
        List<RecordedEvent> events = history.eventsOf(aggregateId);
        if (events.isEmpty()) {
            throw new BusinessException(CommonError.NOT_FOUND, "No aggregate %s", aggregateId);
        }
        List<ViewDefinition<?>> views = viewsOf(events.get(0).aggregateType());
        Map<String, Object> current = new LinkedHashMap<>();
        List<AuditedEvent> audited = new ArrayList<>();
        for (RecordedEvent event : events) {
            List<JsonDiff.Change> changes = new ArrayList<>();
            for (ViewDefinition<?> view : views) {
                Object before = current.get(view.table());
                Object after = applyFold(view, before, event);
                current.put(view.table(), after);
                String prefix = views.size() > 1 ? view.table() + ":" : "";
                JsonDiff.between(toJson(before), toJson(after))
                        .forEach(change ->
                                changes.add(new JsonDiff.Change(prefix + change.field(), change.from(), change.to())));
            }
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
        return audited;
    }

    /** Every view of the aggregate as it was at {@code instant}, keyed by view table. */
    public Map<String, JsonNode> stateAsOf(String aggregateId, Instant instant) {
        List<RecordedEvent> events = history.eventsOf(aggregateId);
        if (events.isEmpty()) {
            throw new BusinessException(CommonError.NOT_FOUND, "No aggregate %s", aggregateId);
        }
        Map<String, JsonNode> state = new LinkedHashMap<>();
        for (ViewDefinition<?> view : viewsOf(events.get(0).aggregateType())) {
            Object folded = null;
            for (RecordedEvent event : events) {
                if (event.timestamp().isAfter(instant)) {
                    break;
                }
                folded = applyFold(view, folded, event);
            }
            state.put(view.table(), toJson(folded));
        }
        return state;
    }

    private List<ViewDefinition<?>> viewsOf(String aggregateType) {
        return definitions
                .orderedStream()
                .filter(d -> d.aggregateType().equals(aggregateType))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static <V> Object applyFold(ViewDefinition<V> view, Object before, RecordedEvent event) {
        Fold<V> fold = view.fold();
        return fold.apply((V) before, event);
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
