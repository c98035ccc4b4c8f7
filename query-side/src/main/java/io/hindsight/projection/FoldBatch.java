package io.hindsight.projection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rows of one read model within one transaction: the rows of every aggregate the batch touches are
 * loaded in one query, each event is folded in memory, and the changed rows, what the followers derive
 * from them and the snapshots that fell due are written in one JDBC batch each at the end. A redelivered
 * event (sequence not newer than the row's) changes nothing.
 */
final class FoldBatch<V> {

    private final ReadModel<V> model;
    private final Map<String, ViewRow<V>> known;
    private final Map<String, ViewRow<V>> unsaved = new LinkedHashMap<>();
    private final List<ViewFollower.Step<V>> unfollowed = new ArrayList<>();
    private final List<ViewRow<V>> snapshots = new ArrayList<>();
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
    }

    /** Folds the event; the row is written by {@link #flush}. */
    Optional<V> apply(RecordedEvent event) {
        ViewRow<V> before = current(event.aggregateId());
        ViewRow<V> after = model.next(before, event);
        if (after == null) {
            return Optional.ofNullable(before).map(ViewRow::view);
        }
        unfollowed.add(new ViewFollower.Step<>(after.view(), event));
        if (model.snapshotDue(before, after)) {
            snapshots.add(after);
        }
        known.put(after.aggregateId(), after);
        unsaved.put(after.aggregateId(), after);
        return Optional.of(after.view());
    }

    /** Folds the event and writes its row at once, in a savepoint: if that fails, nothing of it remains. */
    Optional<V> applyAlone(RecordedEvent event, OneEventAtATime isolation) {
        ViewRow<V> before = current(event.aggregateId());
        ViewRow<V> after = isolation.inSavepoint(() -> {
            ViewRow<V> next = model.next(before, event);
            if (next != null) {
                model.write(
                        List.of(next),
                        List.of(new ViewFollower.Step<>(next.view(), event)),
                        model.snapshotDue(before, next) ? List.of(next) : List.of(),
                        rebuilding);
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
        model.write(unsaved.values(), unfollowed, snapshots, rebuilding);
        unsaved.clear();
        unfollowed.clear();
        snapshots.clear();
    }

    private ViewRow<V> current(String aggregateId) {
        if (!known.containsKey(aggregateId)) {
            known.put(aggregateId, model.table().load(aggregateId).orElse(null));
        }
        return known.get(aggregateId);
    }
}
