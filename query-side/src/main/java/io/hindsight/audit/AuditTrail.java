package io.hindsight.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import io.hindsight.common.UuidForm;
import io.hindsight.projection.EventHistory;
import io.hindsight.projection.ReadModel;
import io.hindsight.projection.RecordedEvent;
import io.hindsight.projection.UnreadablePayload;
import io.hindsight.projection.ViewRow;
import io.hindsight.query.Paging;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * The history of any aggregate: each event with who, when and why (correlation id), and which business
 * fields of the aggregate's read models it changed - computed with the same folds the live projections use.
 */
@Service
public class AuditTrail {

    private static final int STREAMED_PAGE = 500;

    private final EventHistory history;
    private final ObjectProvider<ReadModel<?>> readModels;
    private final ObjectMapper json;

    public AuditTrail(EventHistory history, ObjectProvider<ReadModel<?>> readModels, ObjectMapper json) {
        this.history = history;
        this.readModels = readModels;
        this.json = json;
    }

    /**
     * The id an aggregate is kept under for one an auditor sent: a UUID written in capitals names the aggregate kept
     * under it in lower case (as every id of that form is, and as the endpoints read it), unless one is kept as sent.
     */
    public String storedId(String aggregateId) {
        String kept = UuidForm.asKept(aggregateId);
        return kept.equals(aggregateId)
                        || !history.eventsToShowBetween(aggregateId, 0, 1).isEmpty()
                ? aggregateId
                : kept;
    }

    /**
     * Every event of the aggregate, oldest first, handed to {@code sink} as it is audited: a page of events read and
     * folded at a time, so an answer of tens of thousands of events starts at once and is never held whole. Refuses an
     * unknown aggregate before the first.
     */
    public void eachEventOf(String aggregateId, Consumer<? super AuditedEvent> sink) {
        List<RecordedEvent> page = history.eventsToShowFrom(aggregateId, 0, STREAMED_PAGE);
        if (page.isEmpty()) {
            throw new BusinessException(CommonError.NOT_FOUND, "No aggregate %s", aggregateId);
        }
        List<ReadModel<?>> models = modelsOf(page.get(0));
        Map<String, Object> current = new LinkedHashMap<>();
        while (true) {
            audited(models, page, 0, current, Map.of()).forEach(sink);
            if (page.size() < STREAMED_PAGE) {
                return;
            }
            page = history.eventsToShowFrom(
                    aggregateId, page.get(page.size() - 1).sequence() + 1, STREAMED_PAGE);
        }
    }

    /**
     * Up to {@code limit} events from sequence {@code offset} on: a page by count, so a page shorter than {@code limit}
     * is the last even where sequences have a gap (events deleted by hand; a page by range of sequences came back
     * short or empty there, and a reader stopped before the events after the gap). The changes of the first are against
     * each view as it stood before it: folded from the view's latest snapshot before the page, so a page deep into
     * a long stream reads at most a snapshot interval of events it does not show (it used to read and fold every
     * one before it: a page at offset 3000 of an account took 250 ms against 15 ms at 0); the ones after are not
     * read.
     */
    public List<AuditedEvent> eventsOf(String aggregateId, Paging paging) {
        List<ReadModel<?>> models = modelsOf(firstEventOrNotFound(aggregateId));
        long shownFrom = paging.offset();
        Map<String, Object> current = new LinkedHashMap<>();
        Map<String, Long> foldedThrough = new HashMap<>();
        long readFrom = shownFrom;
        for (ReadModel<?> model : models) {
            Optional<? extends ViewRow<?>> snapshot =
                    shownFrom == 0 ? Optional.empty() : model.snapshotThrough(aggregateId, shownFrom - 1);
            long through = snapshot.map(ViewRow::lastSequence).orElse(-1L);
            current.put(model.name(), snapshot.map(ViewRow::view).orElse(null));
            foldedThrough.put(model.name(), through);
            readFrom = Math.min(readFrom, through + 1);
        }
        List<RecordedEvent> events = new ArrayList<>(history.eventsToShowBetween(aggregateId, readFrom, shownFrom));
        events.addAll(history.eventsToShowFrom(aggregateId, shownFrom, paging.limit()));
        return audited(models, events, shownFrom, current, foldedThrough);
    }

    /**
     * The events from {@code shownFrom} on with the fields each changed; {@code current} holds each model's view
     * folded through the sequence {@code foldedThrough} gives it (none: before the first event).
     */
    private List<AuditedEvent> audited(
            List<ReadModel<?>> models,
            List<RecordedEvent> events,
            long shownFrom,
            Map<String, Object> current,
            Map<String, Long> foldedThrough) {
        List<AuditedEvent> audited = new ArrayList<>();
        for (RecordedEvent event : events) {
            boolean shown = event.sequence() >= shownFrom;
            List<JsonDiff.Change> changes = new ArrayList<>();
            for (ReadModel<?> model : models) {
                if (event.sequence() <= foldedThrough.getOrDefault(model.name(), -1L)) {
                    continue;
                }
                Object before = current.get(model.name());
                Object after = apply(model, before, event);
                current.put(model.name(), after);
                if (!shown) {
                    continue;
                }
                String prefix = models.size() > 1 ? model.name() + ":" : "";
                JsonDiff.between(toJson(audited(model, before)), toJson(auditedAfter(model, before, after, event)))
                        .forEach(change ->
                                changes.add(new JsonDiff.Change(prefix + change.field(), change.from(), change.to())));
            }
            if (shown) {
                UnreadablePayload unreadable = event.payload() instanceof UnreadablePayload u ? u : null;
                audited.add(new AuditedEvent(
                        event.sequence(),
                        event.typeName(),
                        event.aggregateType(),
                        event.timestamp(),
                        event.actorId(),
                        event.correlationId(),
                        unreadable == null ? json.valueToTree(event.payload()) : NullNode.getInstance(),
                        changes,
                        unreadable == null ? null : unreadable.reason()));
            }
        }
        return audited;
    }

    /**
     * Every read model of the aggregate now ({@code asOf} null) or as it was then, keyed by read model: each from its
     * stored row or latest snapshot by then, with only the events after it folded, as every read of a view is.
     */
    public Map<String, JsonNode> stateAsOf(String aggregateId, Instant asOf) {
        List<ReadModel<?>> models = modelsOf(firstEventOrNotFound(aggregateId));
        Map<String, JsonNode> state = new LinkedHashMap<>();
        for (ReadModel<?> model : models) {
            state.put(model.name(), toJson(model.find(aggregateId, asOf).orElse(null)));
        }
        return state;
    }

    private RecordedEvent firstEventOrNotFound(String aggregateId) {
        return history.eventsToShowBetween(aggregateId, 0, 1).stream()
                .findFirst()
                .orElseThrow(() -> new BusinessException(CommonError.NOT_FOUND, "No aggregate %s", aggregateId));
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

    @SuppressWarnings("unchecked")
    private static <V> Object auditedAfter(ReadModel<V> model, Object before, Object after, RecordedEvent event) {
        return model.auditedAfter((V) before, (V) after, event);
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
            List<JsonDiff.Change> changes,
            @JsonInclude(JsonInclude.Include.NON_NULL) String unreadable) {}
}
