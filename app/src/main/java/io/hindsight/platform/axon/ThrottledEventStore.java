package io.hindsight.platform.axon;

import io.hindsight.projection.EventStoreFetch;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

/**
 * Axon's embedded event store, except that its shared reader is asked to fetch at most once per window after
 * commits instead of after every commit: the first commit after a quiet window is fetched at once, and the commits
 * that follow within the window are fetched together at its end. Every projection then folds them in one
 * transaction (one token update, one commit, one flush) where it took one each: under load the projections' work
 * per command falls by about a third of the JVM's CPU, and the command's own commit no longer queues behind theirs
 * for the two cores and the disk. A command's events reach the read models at most one window later.
 *
 * <p>The window holds for the reader's own loop too: Axon's reader reads again at once whenever its last read found
 * events, so under steady load it read every few milliseconds, whatever the window, and the projections folded a
 * command or two per transaction. Its reads of the store's tail are therefore at least a window apart, unless a
 * fetch was asked for: after commits (at most once per window, as above) or by a reader of a read model
 * ({@link #fetchNow}).
 */
final class ThrottledEventStore extends EmbeddedEventStore implements EventStoreFetch {

    private final long windowNanos;
    private volatile Consumer<Set<Class<?>>> onFetch = types -> {};
    private volatile Runnable onFetchOfUnknownTypes = () -> {};
    private final Map<String, Optional<Class<?>>> classesByName = new ConcurrentHashMap<>();
    private final AtomicBoolean fetchPending = new AtomicBoolean();
    private final Set<Class<?>> pendingTypes = ConcurrentHashMap.newKeySet();
    private volatile long lastFetchNanos = System.nanoTime() - Long.MAX_VALUE / 2;
    private final ScheduledExecutorService fetcher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "event-store-fetch");
        thread.setDaemon(true);
        return thread;
    });

    private final EventStorageEngine tailPacedEngine;
    private volatile long lastTailReadNanos = System.nanoTime() - Long.MAX_VALUE / 2;
    private volatile Thread tailReader;
    private final AtomicBoolean tailReadWanted = new AtomicBoolean();

    ThrottledEventStore(Builder builder, Duration window) {
        super(builder);
        this.windowNanos = window.toNanos();
        this.tailPacedEngine = new TailReadsPaced(super.storageEngine());
    }

    /** What Axon's reader and its consumers read through: the reader's reads of the tail are paced. */
    @Override
    protected EventStorageEngine storageEngine() {
        return tailPacedEngine;
    }

    /**
     * Runs right after the shared reader was asked to fetch what was committed, with the payload types of the events
     * committed since the last fetch.
     */
    void whenFetching(Consumer<Set<Class<?>>> listener) {
        onFetch = listener;
    }

    /** Runs instead of the {@link #whenFetching} listener after a fetch asked for with no types. */
    void whenFetchingUnknownTypes(Runnable listener) {
        onFetchOfUnknownTypes = listener;
    }

    @Override
    public void fetchNow(Set<String> payloadTypes) {
        wantTailRead();
        super.afterCommit(List.of());
        Set<Class<?>> types = payloadTypes.stream()
                .map(name -> classesByName.computeIfAbsent(name, ThrottledEventStore::loaded))
                .flatMap(Optional::stream)
                .collect(Collectors.toSet());
        if (types.isEmpty()) {
            onFetchOfUnknownTypes.run();
        } else {
            onFetch.accept(types);
        }
    }

    private static Optional<Class<?>> loaded(String className) {
        try {
            return Optional.of(Class.forName(className, false, ThrottledEventStore.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    /**
     * A commit that finds a fetch pending rides along with it: the pending fetch has not begun, so it reads this
     * commit's events too (the flag is cleared before the reader is asked), and its event types are noted before
     * the flag is looked at, so that fetch names them.
     */
    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        for (EventMessage<?> event : events) {
            pendingTypes.add(event.getPayloadType());
        }
        if (!fetchPending.compareAndSet(false, true)) {
            return;
        }
        long wait = lastFetchNanos + windowNanos - System.nanoTime();
        if (wait <= 0) {
            fetch();
        } else {
            try {
                fetcher.schedule(this::fetch, wait, TimeUnit.NANOSECONDS);
            } catch (RuntimeException shutDown) {
                fetch();
            }
        }
    }

    private void fetch() {
        fetchPending.set(false);
        lastFetchNanos = System.nanoTime();
        Set<Class<?>> types = Set.copyOf(pendingTypes);
        pendingTypes.removeAll(types);
        wantTailRead();
        super.afterCommit(List.of());
        onFetch.accept(types);
    }

    private void wantTailRead() {
        tailReadWanted.set(true);
        Thread reader = tailReader;
        if (reader != null) {
            LockSupport.unpark(reader);
        }
    }

    /**
     * Waits until a window has passed since the last read of the tail, or until a fetch is asked for: after commits
     * (itself at most once per window) or by a reader of a read model.
     */
    private void paceTailRead() {
        tailReader = Thread.currentThread();
        long until = lastTailReadNanos + windowNanos;
        for (long wait = until - System.nanoTime(); wait > 0; wait = until - System.nanoTime()) {
            if (tailReadWanted.get() || Thread.currentThread().isInterrupted()) {
                break;
            }
            LockSupport.parkNanos(this, wait);
        }
        tailReadWanted.set(false);
        lastTailReadNanos = System.nanoTime();
    }

    /**
     * Axon's reader asks for the tail with {@code mayBlock}; its consumers that fell behind its cache read their own
     * streams without it, and are not held up.
     */
    private final class TailReadsPaced implements EventStorageEngine {

        private final EventStorageEngine engine;

        private TailReadsPaced(EventStorageEngine engine) {
            this.engine = engine;
        }

        @Override
        public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
            if (mayBlock) {
                paceTailRead();
            }
            return engine.readEvents(trackingToken, mayBlock);
        }

        @Override
        public void appendEvents(List<? extends EventMessage<?>> events) {
            engine.appendEvents(events);
        }

        @Override
        public void storeSnapshot(DomainEventMessage<?> snapshot) {
            engine.storeSnapshot(snapshot);
        }

        @Override
        public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
            return engine.readEvents(aggregateIdentifier, firstSequenceNumber);
        }

        @Override
        public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
            return engine.readSnapshot(aggregateIdentifier);
        }

        @Override
        public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
            return engine.lastSequenceNumberFor(aggregateIdentifier);
        }

        @Override
        public TrackingToken createTailToken() {
            return engine.createTailToken();
        }

        @Override
        public TrackingToken createHeadToken() {
            return engine.createHeadToken();
        }

        @Override
        public TrackingToken createTokenAt(Instant dateTime) {
            return engine.createTokenAt(dateTime);
        }
    }

    @Override
    public void shutDown() {
        fetcher.shutdownNow();
        super.shutDown();
    }
}
