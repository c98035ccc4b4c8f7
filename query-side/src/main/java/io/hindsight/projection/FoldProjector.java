package io.hindsight.projection;

import io.hindsight.projection.ViewStore.StoredRow;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;

/**
 * The live side of a fold: load the aggregate's row, apply the event, store it. Within one unit of work
 * (a processor batch) each aggregate's row is loaded once and every changed row is written in one JDBC
 * batch just before the batch commits. Redelivered events (sequence not newer than the row's) change
 * nothing, and a handler that fails leaves the pending rows as they were before its event.
 */
@Component
public class FoldProjector {

    private static final String PENDING = "hindsight.pending-views.";

    private final ViewStore store;

    public FoldProjector(ViewStore store) {
        this.store = store;
    }

    /** Folds the event into the aggregate's view and returns the view as it now stands. */
    public <V> Optional<V> project(ViewDefinition<V> definition, DomainEventMessage<?> message) {
        RecordedEvent event = RecordedEvent.of(message);
        if (!CurrentUnitOfWork.isStarted()) {
            StoredView<V> current = store.load(definition, event.aggregateId()).orElse(null);
            Optional<StoredRow<V>> next = fold(definition, event, current);
            next.ifPresent(row -> store.saveAll(definition, List.of(row)));
            return next.map(StoredRow::view).or(() -> Optional.ofNullable(current).map(StoredView::view));
        }
        Map<String, StoredRow<V>> pending = pendingRows(definition);
        StoredRow<V> known = pending.get(event.aggregateId());
        StoredView<V> current = known != null
                ? new StoredView<>(known.view(), known.lastSequence())
                : store.load(definition, event.aggregateId()).orElse(null);
        Optional<StoredRow<V>> next = fold(definition, event, current);
        next.ifPresent(row -> pending.put(event.aggregateId(), row));
        return next.map(StoredRow::view).or(() -> Optional.ofNullable(current).map(StoredView::view));
    }

    private static <V> Optional<StoredRow<V>> fold(ViewDefinition<V> definition, RecordedEvent event,
                                                                       StoredView<V> current) {
        if (current != null && current.lastSequence() >= event.sequence()) {
            return Optional.empty();
        }
        V next = definition.fold().apply(current == null ? null : current.view(), event);
        return Optional.ofNullable(next)
                .map(view -> new StoredRow<>(event.aggregateId(), view, event.sequence(), event.timestamp()));
    }

    private <V> Map<String, StoredRow<V>> pendingRows(ViewDefinition<V> definition) {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(PENDING + definition.table(), key -> {
            Map<String, StoredRow<V>> rows = new LinkedHashMap<>();
            unitOfWork.onPrepareCommit(u -> store.saveAll(definition, rows.values()));
            return rows;
        });
    }
}
