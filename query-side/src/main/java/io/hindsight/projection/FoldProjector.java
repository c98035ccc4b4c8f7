package io.hindsight.projection;

import io.hindsight.projection.ViewStore.StoredRow;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * The live side of a fold: load the aggregate's row, apply the event, store it. Within one unit of work
 * (a processor batch) the rows of every aggregate in the batch are loaded in one query and every changed
 * row is written in one JDBC batch just before the batch commits. Redelivered events (sequence not newer
 * than the row's) change nothing, and a handler that fails leaves the rows as they were before its event.
 */
@Component
public class FoldProjector {

    private static final String BATCH = "hindsight.fold-batch.";

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
            return next.map(StoredRow::view)
                    .or(() -> Optional.ofNullable(current).map(StoredView::view));
        }
        Batch<V> batch = batchOf(definition);
        StoredView<V> current = batch.current(event.aggregateId());
        Optional<StoredRow<V>> next = fold(definition, event, current);
        next.ifPresent(batch::change);
        return next.map(StoredRow::view).or(() -> Optional.ofNullable(current).map(StoredView::view));
    }

    private static <V> Optional<StoredRow<V>> fold(
            ViewDefinition<V> definition, RecordedEvent event, StoredView<V> current) {
        if (current != null && current.lastSequence() >= event.sequence()) {
            return Optional.empty();
        }
        V next = definition.fold().apply(current == null ? null : current.view(), event);
        return Optional.ofNullable(next)
                .map(view -> new StoredRow<>(event.aggregateId(), view, event.sequence(), event.timestamp()));
    }

    private <V> Batch<V> batchOf(ViewDefinition<V> definition) {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(BATCH + definition.table(), key -> {
            Batch<V> batch = new Batch<>(definition, store, aggregatesIn(unitOfWork, definition));
            unitOfWork.onPrepareCommit(u -> store.saveAll(definition, batch.changed.values()));
            return batch;
        });
    }

    /** The aggregates of this view's type that the whole batch touches, to load their rows at once. */
    private static Set<String> aggregatesIn(UnitOfWork<?> unitOfWork, ViewDefinition<?> definition) {
        Set<String> ids = new LinkedHashSet<>();
        if (unitOfWork instanceof BatchingUnitOfWork<?> batch) {
            for (var message : batch.getMessages()) {
                if (message instanceof DomainEventMessage<?> domain
                        && definition.aggregateType().equals(domain.getType())) {
                    ids.add(domain.getAggregateIdentifier());
                }
            }
        }
        return ids;
    }

    private static final class Batch<V> {
        private final ViewDefinition<V> definition;
        private final ViewStore store;
        private final Map<String, StoredView<V>> loaded;
        private final Map<String, StoredRow<V>> changed = new LinkedHashMap<>();

        Batch(ViewDefinition<V> definition, ViewStore store, Set<String> preload) {
            this.definition = definition;
            this.store = store;
            this.loaded = new LinkedHashMap<>(store.loadAll(definition, preload));
            preload.forEach(id -> loaded.putIfAbsent(id, null));
        }

        StoredView<V> current(String aggregateId) {
            StoredRow<V> row = changed.get(aggregateId);
            if (row != null) {
                return new StoredView<>(row.view(), row.lastSequence());
            }
            if (!loaded.containsKey(aggregateId)) {
                loaded.put(aggregateId, store.load(definition, aggregateId).orElse(null));
            }
            return loaded.get(aggregateId);
        }

        void change(StoredRow<V> row) {
            changed.put(row.aggregateId(), row);
        }
    }
}
