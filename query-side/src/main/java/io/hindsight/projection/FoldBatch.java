package io.hindsight.projection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rows of one read model within one transaction: the rows of every aggregate the batch touches are
 * loaded in one query, each event is folded in memory, and the changed rows, what the followers derive
 * from them and the snapshots that fell due are written in one JDBC batch each at the end. A redelivered
 * event (sequence not newer than the row's) changes nothing.
 */
final class FoldBatch<V> {

    private static final Logger log = LoggerFactory.getLogger(FoldBatch.class);

    private final ReadModel<V> model;
    private final Map<String, ViewRow<V>> known;
    private final Map<String, ViewRow<V>> unsaved = new LinkedHashMap<>();
    private final List<ViewFollower.Step<V>> unfollowed = new ArrayList<>();
    private final List<ViewRow<V>> snapshots = new ArrayList<>();
    /** Aggregates the table holds no row for (yet): a replay inserts their rows rather than upserting them. */
    private final Set<String> unstored = new HashSet<>();

    private final boolean rebuilding;

    FoldBatch(ReadModel<V> model, Collection<String> preload) {
        this(model, preload, List.of(), false);
    }

    /**
     * {@code absent}: aggregates known to have no row yet (a replay that meets their first event);
     * {@code rebuilding}: a replay into empty copies (see {@link ViewFollower#rebuildAll}).
     */
    FoldBatch(ReadModel<V> model, Collection<String> preload, Collection<String> absent, boolean rebuilding) {
        this.model = model;
        this.rebuilding = rebuilding;
        this.known = new HashMap<>(model.table().loadAll(preload));
        preload.forEach(id -> known.putIfAbsent(id, null));
        absent.forEach(id -> known.putIfAbsent(id, null));
        known.forEach((id, row) -> {
            if (row == null) {
                unstored.add(id);
            }
        });
    }

    /** Folds the event; the row is written by {@link #flush}. */
    Optional<V> apply(RecordedEvent event) {
        catchUp(event, this::fold);
        return fold(event);
    }

    /** Folds the event and writes its row at once, in a savepoint: if that fails, nothing of it remains. */
    Optional<V> applyAlone(RecordedEvent event, OneEventAtATime isolation) {
        catchUp(event, missed -> foldAlone(missed, isolation));
        return foldAlone(event, isolation);
    }

    /** Folds the stored events of the aggregate that the row lacks before {@code event} (see ReadModel). */
    private void catchUp(RecordedEvent event, Consumer<RecordedEvent> folding) {
        if (rebuilding) {
            return;
        }
        ViewRow<V> stored = current(event.aggregateId());
        List<RecordedEvent> missed = model.missedBefore(stored, event);
        missed.forEach(folding);
        if (current(event.aggregateId()) != stored) {
            log.warn(
                    "Read model {} lacked {} stored event(s) of {} before sequence {}: folded them from the store",
                    model.name(),
                    missed.size(),
                    event.aggregateId(),
                    event.sequence());
        }
    }

    private Optional<V> fold(RecordedEvent event) {
        ViewRow<V> before = current(event.aggregateId());
        ViewRow<V> after = model.next(before, event);
        if (after == null) {
            return Optional.ofNullable(before).map(ViewRow::view);
        }
        unfollowed.add(new ViewFollower.Step<>(viewOf(before), after.view(), event));
        if (model.snapshotDue(before, after)) {
            snapshots.add(after);
        }
        known.put(after.aggregateId(), after);
        unsaved.put(after.aggregateId(), after);
        return Optional.of(after.view());
    }

    private Optional<V> foldAlone(RecordedEvent event, OneEventAtATime isolation) {
        ViewRow<V> before = current(event.aggregateId());
        ViewRow<V> after = isolation.inSavepoint(() -> {
            ViewRow<V> next = model.next(before, event);
            if (next != null) {
                model.write(
                        List.of(next),
                        unstored::contains,
                        List.of(new ViewFollower.Step<>(viewOf(before), next.view(), event)),
                        model.snapshotDue(before, next) ? List.of(next) : List.of(),
                        rebuilding);
                unstored.remove(next.aggregateId());
            }
            return next;
        });
        if (after == null) {
            return Optional.ofNullable(before).map(ViewRow::view);
        }
        known.put(after.aggregateId(), after);
        unsaved.remove(after.aggregateId());
        return Optional.of(after.view());
    }

    void flush() {
        model.write(unsaved.values(), unstored::contains, unfollowed, snapshots, rebuilding);
        unstored.removeAll(unsaved.keySet());
        unsaved.clear();
        unfollowed.clear();
        snapshots.clear();
    }

    private static <V> V viewOf(ViewRow<V> row) {
        return row == null ? null : row.view();
    }

    private ViewRow<V> current(String aggregateId) {
        if (!known.containsKey(aggregateId)) {
            ViewRow<V> stored = model.table().load(aggregateId).orElse(null);
            known.put(aggregateId, stored);
            if (stored == null) {
                unstored.add(aggregateId);
            }
        }
        return known.get(aggregateId);
    }
}
