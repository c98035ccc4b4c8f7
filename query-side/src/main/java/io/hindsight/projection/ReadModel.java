package io.hindsight.projection;

import io.hindsight.query.Page;
import io.hindsight.query.Paging;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.RowMapper;

/**
 * A per-aggregate read model: one view per aggregate, the pure fold of that aggregate's events. It owns its
 * definition (which events it folds, the fold, its table and list columns), and everything done with it:
 * the live projection, the view now ({@link #current}, read-your-writes) or as of an instant, paged lists,
 * the business fields audit diffs compare, and the hooks a verified replay uses. Which aggregate it folds is
 * given by the sealed interface that the aggregate's events implement - a class, so a rename is checked by
 * the compiler.
 */
public final class ReadModel<V> implements Projection {

    /** A view is stored as a snapshot each time an aggregate's stream grows by this many events. */
    public static final int SNAPSHOT_EVERY = ViewSnapshots.EVERY;

    private final String name;
    private final Class<?> events;
    private final Fold<V> fold;
    private final ViewTable<V> table;
    private final Function<V, ?> audited;
    private final AuditedAfter<V> auditedAfter;
    private final List<ViewFollower<V>> followers;
    private final ReadModels support;
    private final Projector projector = new Projector();
    private final LongAdder eventsFoldedForReads = new LongAdder();

    ReadModel(
            String name,
            Class<?> events,
            Fold<V> fold,
            ViewTable<V> table,
            Function<V, ?> audited,
            AuditedAfter<V> auditedAfter,
            List<ViewFollower<V>> followers,
            ReadModels support) {
        this.name = name;
        this.events = events;
        this.fold = fold;
        this.table = table;
        this.audited = audited;
        this.auditedAfter = auditedAfter;
        this.followers = List.copyOf(followers);
        this.support = support;
    }

    @Override
    public String name() {
        return name;
    }

    /** The name of its table, for statistics that aggregate over the list columns in SQL. */
    public String tableName() {
        return table.name();
    }

    /** Whether this model folds events of this payload type. */
    public boolean folds(Class<?> payloadType) {
        return events.isAssignableFrom(payloadType);
    }

    // ---- reads

    /**
     * The view now, including the newest events: the stored row when the projection has folded the
     * aggregate's latest event, otherwise the stored row with the events after it folded in.
     */
    public Optional<V> current(String aggregateId) {
        return folded(aggregateId, null).map(Folded::view);
    }

    /** The row as the projection has stored it so far, which may not hold the newest events yet. */
    public Optional<ViewRow<V>> stored(String aggregateId) {
        return table.load(aggregateId);
    }

    /** The view as it was at {@code instant}: the fold of the events recorded up to then. */
    public Optional<V> asOf(String aggregateId, Instant instant) {
        return folded(aggregateId, instant).map(Folded::view);
    }

    /**
     * The view now ({@code asOf} null) or as of an instant, with where it came from: a fold that starts from
     * the stored row (when it holds no event recorded after the instant) or the latest snapshot taken by then,
     * and folds only the events after it - so its cost does not grow with the aggregate's history.
     */
    public Optional<Folded<V>> folded(String aggregateId, Instant asOf) {
        ViewRow<V> from;
        long storedSequence;
        Instant until = asOf == null ? Instant.MAX : asOf;
        if (asOf == null) {
            ViewTable.Freshness<V> stored = table.loadWithLatest(aggregateId);
            if (stored.latest() == null) {
                return Optional.empty();
            }
            from = stored.row();
            storedSequence = from == null ? -1 : from.lastSequence();
            if (from != null && from.lastSequence() >= stored.latest()) {
                return Optional.of(new Folded<>(from.view(), from.lastSequence(), storedSequence, List.of()));
            }
        } else {
            ViewTable.Start<V> start = table.startFor(aggregateId, name, asOf);
            from = start.from();
            storedSequence = start.storedSequence();
        }
        List<RecordedEvent> events =
                support.history().eventsOf(aggregateId, from == null ? 0 : from.lastSequence() + 1, until);
        eventsFoldedForReads.add(events.size());
        V view = from == null ? null : from.view();
        long sequence = from == null ? -1 : from.lastSequence();
        for (RecordedEvent event : events) {
            view = apply(view, event);
            sequence = event.sequence();
        }
        if (view == null) {
            return Optional.empty();
        }
        long stored = storedSequence;
        return Optional.of(new Folded<>(
                view,
                sequence,
                storedSequence,
                events.stream().filter(e -> e.sequence() > stored).toList()));
    }

    /**
     * The latest stored snapshot of the view that holds no event after {@code sequence}, where a fold up to that
     * event can start; empty when there is none, and such a fold starts from the first event.
     */
    public Optional<ViewRow<V>> snapshotThrough(String aggregateId, long sequence) {
        return table.snapshotThrough(aggregateId, name, sequence);
    }

    /** How many of its stored views and snapshots have been read so far, for tests and metrics. */
    public long viewsRead() {
        return table.queries().viewsRead();
    }

    /** How many events reads have folded on top of stored rows and snapshots so far, for tests and metrics. */
    public long eventsFoldedForReads() {
        return eventsFoldedForReads.sum();
    }

    /** The view now when {@code asOf} is null, otherwise as it was then. */
    public Optional<V> find(String aggregateId, Instant asOf) {
        return asOf == null ? current(aggregateId) : asOf(aggregateId, asOf);
    }

    /** The views of these aggregates now (or as of an instant); unknown ids are left out. */
    public Map<String, V> findAll(Collection<String> aggregateIds, Instant asOf) {
        Map<String, V> found = new LinkedHashMap<>();
        for (String id : new LinkedHashSet<>(aggregateIds)) {
            find(id, asOf).ifPresent(view -> found.put(id, view));
        }
        return found;
    }

    /** One page of the stored views matching {@code where}, counted and read in one snapshot. */
    public Page<V> page(Where where, String orderBy, Paging paging) {
        return support.inOneSnapshot(() -> table.queries().page(where, orderBy, paging));
    }

    /** Up to {@code limit} stored views matching {@code where}. */
    public List<V> list(Where where, String orderBy, int limit) {
        return table.queries().find(where, orderBy, limit, 0);
    }

    /** The stored views matching {@code where} on one page, without counting them. */
    public List<V> list(Where where, String orderBy, Paging paging) {
        return table.queries().find(where, orderBy, paging.limit(), paging.offset());
    }

    /** For each value of {@code column}, the first stored view matching {@code where} in {@code orderBy} order. */
    public List<V> firstPer(String column, Where where, String orderBy) {
        return table.queries().firstPer(column, where, orderBy);
    }

    public long count(Where where) {
        return table.queries().count(where);
    }

    /**
     * A statistic over the stored views in SQL: {@code {table}} in {@code sql} stands for the model's table
     * and {@code {where}} for the condition.
     */
    public <T> List<T> query(String sql, Where where, RowMapper<T> rows) {
        return support.jdbc()
                .sql(sql.replace("{table}", table.name()).replace("{where}", where.clause()))
                .params(where.params())
                .query(rows)
                .list();
    }

    // ---- the fold, for audit and as-of

    /** The view after {@code event} when this model folds it, otherwise the view unchanged. */
    public V apply(V view, RecordedEvent event) {
        return events.isInstance(event.payload()) ? fold.apply(view, event) : view;
    }

    /** What an audit diff compares: the business fields of the view. */
    public Object audited(V view) {
        return view == null ? null : audited.apply(view);
    }

    /** What an audit diff compares after {@code event}: the business fields after it, with what it took out of the view. */
    public Object auditedAfter(V before, V after, RecordedEvent event) {
        return after == null ? null : auditedAfter.fields(before, after, event);
    }

    /** The business fields an audit diff shows after an event, from the views before and after it. */
    @FunctionalInterface
    public interface AuditedAfter<V> {
        Object fields(V before, V after, RecordedEvent event);
    }

    // ---- the live projection and replays

    /** The row after {@code event}, or null when the row already holds it (a redelivery) or it folds nothing. */
    ViewRow<V> next(ViewRow<V> before, RecordedEvent event) {
        if (before != null && before.lastSequence() >= event.sequence()) {
            return null;
        }
        V after = fold.apply(before == null ? null : before.view(), event);
        if (after == null) {
            return null;
        }
        Instant latest = before == null || event.timestamp().isAfter(before.updatedAt())
                ? event.timestamp()
                : before.updatedAt();
        return new ViewRow<>(event.aggregateId(), after, event.sequence(), latest);
    }

    /**
     * The events of the aggregate this read model folds that lie between the stored row and {@code event}:
     * none when the row is the event's predecessor. A live row that skipped an event of its own aggregate
     * (delivered out of turn, or lost to a claim that moved mid-batch) is caught up from the store rather
     * than left wrong until the next replay.
     */
    List<RecordedEvent> missedBefore(ViewRow<V> row, RecordedEvent event) {
        if (row == null || event.sequence() <= row.lastSequence() + 1) {
            return List.of();
        }
        return support.history().eventsBetween(event.aggregateId(), row.lastSequence() + 1, event.sequence()).stream()
                .filter(missed -> folds(missed.payload().getClass()))
                .toList();
    }

    boolean snapshotDue(ViewRow<V> before, ViewRow<V> after) {
        return ViewSnapshots.due(before, after);
    }

    /**
     * Writes changed rows, what the followers derive from the folded events, and snapshots that fell due. A
     * replay ({@code rebuilding}) inserts the rows of aggregates the table has no row for ({@code unstored}).
     */
    void write(
            Collection<ViewRow<V>> rows,
            Predicate<String> unstored,
            List<ViewFollower.Step<V>> steps,
            Collection<ViewRow<V>> snapshots,
            boolean rebuilding) {
        if (rebuilding) {
            Map<Boolean, List<ViewRow<V>>> byNewness =
                    rows.stream().collect(Collectors.partitioningBy(row -> unstored.test(row.aggregateId())));
            table.insertAll(byNewness.get(true));
            table.saveAll(byNewness.get(false));
        } else {
            table.saveAll(rows);
        }
        if (!steps.isEmpty()) {
            followers.forEach(follower -> {
                if (rebuilding) {
                    follower.rebuildAll(steps);
                } else {
                    follower.followAll(steps);
                }
            });
        }
        support.snapshots().saveAll(name, snapshots, table.queries());
    }

    ViewTable<V> table() {
        return table;
    }

    /** The Axon event handler that keeps the table, registered in the processing group {@link #name()}. */
    public EventMessageHandler projector() {
        return projector;
    }

    @Override
    public List<String> tables() {
        List<String> all = new ArrayList<>();
        all.add(table.name());
        followers.forEach(f -> all.addAll(f.tables()));
        return all;
    }

    @Override
    public List<String> tablesWrittenByKey() {
        List<String> keyed = new ArrayList<>();
        keyed.add(table.name());
        followers.forEach(f -> keyed.addAll(f.tablesWrittenByKey()));
        return keyed;
    }

    @Override
    public Optional<Set<String>> payloadTypes() {
        return PayloadTypes.concreteNames(List.of(events));
    }

    @Override
    public List<TableSlice> sharedTables() {
        return List.of(new TableSlice(ViewSnapshots.TABLE, ViewSnapshots.OWNER_COLUMN, name));
    }

    @Override
    public boolean rebuiltInPlace() {
        return followers.stream().anyMatch(ViewFollower::keptOutsidePostgres);
    }

    @Override
    public boolean lostOutsidePostgres() {
        return followers.stream().anyMatch(ViewFollower::lost);
    }

    @Override
    public Map<String, String> snapshot() {
        Map<String, String> snapshot = new TreeMap<>(support.tables().snapshot(tables()));
        sharedTables().forEach(slice -> snapshot.putAll(support.tables().snapshot(slice)));
        followers.forEach(f -> snapshot.putAll(f.snapshot()));
        return snapshot;
    }

    @Override
    public void reset() {
        support.tables().deleteAll(tables());
        sharedTables().forEach(support.tables()::deleteAll);
        followers.forEach(ViewFollower::reset);
    }

    @Override
    public Replay replay(ParameterResolverFactory resolvers) {
        return batch -> {
            List<RecordedEvent> folded = batch.stream()
                    .filter(m -> m instanceof DomainEventMessage<?> && folds(m.getPayloadType()))
                    .map(m -> RecordedEvent.of((DomainEventMessage<?>) m))
                    .toList();
            // Copies start empty, so an aggregate whose first event is in the chunk has no row to load.
            Set<String> stored = new LinkedHashSet<>();
            Set<String> starting = new HashSet<>();
            for (RecordedEvent event : folded) {
                if (!starting.contains(event.aggregateId())) {
                    (event.sequence() == 0 && !stored.contains(event.aggregateId()) ? starting : stored)
                            .add(event.aggregateId());
                }
            }
            FoldBatch<V> rows = new FoldBatch<>(this, stored, starting, true);
            folded.forEach(rows::apply);
            rows.flush();
            return folded.size();
        };
    }

    private final class Projector implements EventMessageHandler {

        private static final String BATCH = "hindsight.fold-batch.";

        @Override
        public Object handle(EventMessage<?> message) {
            RecordedEvent event = RecordedEvent.of((DomainEventMessage<?>) message);
            if (OneEventAtATime.isolated()) {
                return batchOf().applyAlone(event, support.isolation()).orElse(null);
            }
            return batchOf().apply(event).orElse(null);
        }

        @Override
        public boolean canHandle(EventMessage<?> message) {
            return message instanceof DomainEventMessage<?> && folds(message.getPayloadType());
        }

        @Override
        public boolean canHandleType(Class<?> payloadType) {
            return folds(payloadType);
        }

        @Override
        public Class<?> getTargetType() {
            return ReadModel.class;
        }

        @Override
        public void prepareReset() {
            reset();
        }

        /** One batch per processor unit of work, preloading the rows of every aggregate it touches. */
        private FoldBatch<V> batchOf() {
            if (!CurrentUnitOfWork.isStarted()) {
                return new FoldBatch<>(ReadModel.this, List.of());
            }
            UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
            return unitOfWork.getOrComputeResource(BATCH + name, key -> {
                FoldBatch<V> batch = new FoldBatch<>(ReadModel.this, aggregatesIn(unitOfWork));
                unitOfWork.onPrepareCommit(u -> batch.flush());
                return batch;
            });
        }

        private Set<String> aggregatesIn(UnitOfWork<?> unitOfWork) {
            Set<String> ids = new LinkedHashSet<>();
            if (unitOfWork instanceof BatchingUnitOfWork<?> batch) {
                for (var message : batch.getMessages()) {
                    if (message instanceof DomainEventMessage<?> domain && folds(domain.getPayloadType())) {
                        ids.add(domain.getAggregateIdentifier());
                    }
                }
            }
            return ids;
        }
    }
}
