package io.hindsight.projection.admin;

import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import io.hindsight.projection.EventStoreReader;
import io.hindsight.projection.FailureCauses;
import io.hindsight.projection.OneEventAtATime;
import io.hindsight.projection.Projection;
import io.hindsight.projection.admin.ReplayStatus.Difference;
import io.hindsight.projection.admin.ReplayStatus.SkippedEvent;
import io.hindsight.query.QueryRole;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds a projection from the first event and verifies the result. The projection is paused on every
 * node at some position P; it is fed exactly the events its live tokens cover (so both sides stand at P),
 * into side-by-side copies of its tables while queries keep reading the live ones. The rebuilt rows are
 * compared with the live rows; if they differ the rebuilt tables, being the fold of the events, replace
 * the live ones. Projections outside PostgreSQL are rebuilt in place and answer 503 meanwhile. The live
 * processor then resumes from P.
 *
 * <p>A replay running when the node stops is abandoned early in the node's shutdown, while Redis and PostgreSQL are
 * still there for its clean-up: its status saved as failed, the projection resumed and its lock released. A read
 * model it was rebuilding in place stays marked as such, and {@link AbandonedReplays} rebuilds it again.
 */
@QueryRole
@Component
public class ProjectionReplay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProjectionReplay.class);
    private static final int CHUNK = 5000;
    /** The first read is the only one nothing else overlaps: a small one lets folding start early. */
    private static final int FIRST_CHUNK = 500;
    /** How long a stopping node waits for its replay to be abandoned and cleaned up before it closes the pools. */
    private static final Duration ABANDON_WAIT = Duration.ofSeconds(20);
    /** The lifecycle phase it stops in: what waits on its replays stops in a later one (a higher number). */
    public static final int PHASE = Integer.MAX_VALUE - 200;

    private final ProjectionRegistry registry;
    private final ProjectionPause pause;
    private final TrackingTokens tokens;
    private final ShadowTables shadows;
    private final ReplayRecords records;
    private final DeadLetters deadLetters;
    private final EventStoreReader reader;
    private final EventProcessingConfiguration processing;
    private final Configuration axon;
    private final TransactionTemplate transactions;
    private final OneEventAtATime isolation;
    private final StoppableWorker worker = new StoppableWorker("projection-replay");
    private final ScheduledExecutorService lockRenewal = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "projection-replay-lock");
        thread.setDaemon(true);
        return thread;
    });
    /** Reads and deserializes the next chunk while the replay thread folds and writes this one. */
    private final ExecutorService readAhead = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "projection-replay-read");
        thread.setDaemon(true);
        return thread;
    });

    private volatile boolean lifecycleRunning;

    public ProjectionReplay(
            ProjectionRegistry registry,
            ProjectionPause pause,
            TrackingTokens tokens,
            ShadowTables shadows,
            ReplayRecords records,
            DeadLetters deadLetters,
            EventStoreReader reader,
            EventProcessingConfiguration processing,
            Configuration axon,
            PlatformTransactionManager transactionManager,
            OneEventAtATime isolation) {
        this.registry = registry;
        this.pause = pause;
        this.tokens = tokens;
        this.shadows = shadows;
        this.records = records;
        this.deadLetters = deadLetters;
        this.reader = reader;
        this.processing = processing;
        this.axon = axon;
        this.transactions = new TransactionTemplate(transactionManager);
        this.isolation = isolation;
    }

    /** Starts a replay in the background; only one per projection at a time, cluster-wide. */
    public ReplayStatus start(String name) {
        Projection projection = registry.get(name);
        if (!records.lock(name)) {
            throw new BusinessException(
                    CommonError.REPLAY_IN_PROGRESS, "Projection %s is already being replayed", name);
        }
        long renewEvery = ReplayRecords.LOCK_LEASE.toMillis() / 4;
        ScheduledFuture<?> renewal = lockRenewal.scheduleWithFixedDelay(
                () -> renewLock(name), renewEvery, renewEvery, TimeUnit.MILLISECONDS);
        ReplayStatus started = ReplayStatus.started(name, projection.rebuiltInPlace() ? "IN_PLACE" : "SIDE_BY_SIDE");
        try {
            records.save(started);
            worker.submit(() -> {
                try {
                    run(projection, started);
                } finally {
                    renewal.cancel(false);
                    records.unlock(name);
                }
            });
        } catch (RuntimeException e) {
            // renewed on, the lock of a replay that never started would keep the projection from replays for good
            renewal.cancel(false);
            try {
                records.unlock(name);
            } catch (RuntimeException unlockFailed) {
                e.addSuppressed(unlockFailed);
            }
            throw e;
        }
        return started;
    }

    /** Never throws: a scheduled task that throws is never run again. */
    private void renewLock(String name) {
        try {
            if (!records.renewLock(name)) {
                log.warn("The lock of the replay of {} was gone when renewed; another replay may start", name);
            }
        } catch (RuntimeException e) {
            log.warn("The lock of the replay of {} could not be renewed: {}", name, e.toString());
        }
    }

    /**
     * Waits until the replays this node has started so far have ended, status saved and lock released (one worker
     * runs them one after another), instead of polling their status.
     */
    public void awaitReplaysStartedHere(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            worker.submit(() -> {}).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    public ReplayStatus status(String name) {
        registry.get(name);
        return records.status(name);
    }

    private void run(Projection projection, ReplayStatus started) {
        String name = projection.name();
        ReplayStatus status = started;
        boolean inPlace = projection.rebuiltInPlace();
        boolean rebuiltInPlace = false;
        PhaseClock clock = new PhaseClock();
        try {
            worker.beginInterruptible();
            pause.pauseEverywhere(name, Duration.ofSeconds(60));
            clock.lap("pause");
            ReplayCoverage coverage =
                    new ReplayCoverage(tokens.tokensBySegment(name), processing.sequencingPolicy(name));
            status = status.rebuilding(coverage.position());
            records.save(status);
            Progress progress = new Progress(status);

            List<Difference> differences;
            if (inPlace) {
                Map<String, String> before = projection.snapshot();
                records.markRebuildingInPlace(name);
                transactions.executeWithoutResult(tx -> projection.reset());
                feed(projection, coverage, false, progress, clock);
                rebuiltInPlace = true;
                status = progress.status().verifying(progress.processed);
                records.save(status);
                differences = Difference.between(before, projection.snapshot());
                clock.lap("verify");
            } else {
                transactions.executeWithoutResult(tx -> shadows.create(projection));
                feed(projection, coverage, true, progress, clock);
                status = progress.status().verifying(progress.processed);
                records.save(status);
                differences = shadows.differences(projection);
                clock.lap("verify");
                transactions.executeWithoutResult(tx -> {
                    if (differences.isEmpty()) {
                        shadows.drop(projection);
                    } else {
                        shadows.applyDifferences(projection);
                    }
                });
            }
            deadLetters.clearExcept(name, progress.skippedAggregates());
            clock.lap("apply");
            status = status.completed(differences);
            log.info(
                    "Replay of {} finished: {} events, {} aggregates skipped, {} differences ({})",
                    name,
                    status.processed(),
                    progress.skippedAggregates().size(),
                    differences.size(),
                    clock);
        } catch (Exception e) {
            boolean nodeStops = worker.endInterruptible();
            // failed first: dropping the shadow tables fails too while the database is away, and a replay had then
            // been saved as still pausing or rebuilding, for good
            if (nodeStops) {
                log.info("Replay of {} abandoned: this node is stopping", name);
                status = status.failed(
                        inPlace && !rebuiltInPlace ? NODE_STOPPED + "; its read model is rebuilt again" : NODE_STOPPED);
            } else {
                log.warn("Replay of {} failed", name, e);
                status = status.failed(String.valueOf(FailureCauses.describe(e)));
            }
            if (!inPlace) {
                try {
                    transactions.executeWithoutResult(tx -> shadows.drop(projection));
                } catch (RuntimeException dropFailed) {
                    log.warn("The shadow tables of {} stay until its next replay: {}", name, dropFailed.toString());
                }
            }
        } finally {
            worker.endInterruptible();
            records.save(status);
            // a read model left half-built stays marked, so that it is never served as the truth (see AbandonedReplays)
            if (rebuiltInPlace) {
                records.clearRebuildingInPlace(name);
            }
            pause.resumeEverywhere(name);
        }
    }

    private void abandonIfStopping() throws InterruptedException {
        if (stopRequested()) {
            throw new InterruptedException("The replay was interrupted");
        }
    }

    /** A chunk that fails then failed for that, not for an event: Redis and the pool refuse an interrupted thread. */
    private boolean stopRequested() {
        return worker.stopping() || Thread.currentThread().isInterrupted();
    }

    /**
     * Feeds the projection every event the live tokens cover, in chunks of one transaction each. A chunk that
     * fails is fed again in halves (see {@link #feedInHalves}); an event that fails alone is skipped with the
     * later events of its aggregate, as the live projection parks them. Ends the clock's rebuild phase.
     */
    private void feed(
            Projection projection, ReplayCoverage coverage, boolean intoShadows, Progress progress, PhaseClock clock)
            throws InterruptedException {
        Projection.Replay replay = projection.replay(axon.parameterResolverFactory());
        Set<String> types = projection.payloadTypes().orElse(Set.of());
        long position = coverage.position();
        Future<List<TrackedEventMessage<?>>> next =
                readAhead.submit(() -> readDeserialized(0, position, FIRST_CHUNK, types));
        try {
            List<TrackedEventMessage<?>> page;
            int asked = FIRST_CHUNK;
            boolean more;
            do {
                abandonIfStopping();
                long waitStarted = System.nanoTime();
                page = await(next);
                progress.waitedForReads(System.nanoTime() - waitStarted);
                next = null;
                more = page.size() == asked;
                if (more) {
                    long after = EventStoreReader.positionOf(page.get(page.size() - 1));
                    next = readAhead.submit(() -> readDeserialized(after, position, CHUNK, types));
                    asked = CHUNK;
                }
                feedChunk(projection, replay, coverage, intoShadows, progress, page);
            } while (more);
        } finally {
            if (next != null) {
                next.cancel(true);
            }
        }
        clock.lap("rebuild");
        clock.note("of which waiting for reads", progress.readWaitNanos);
    }

    /**
     * A chunk of the projection's events, deserialized here so that the replay thread only folds and writes. An
     * event that does not deserialize stays lazy: the fold meets the failure and skips it as it would have.
     */
    private List<TrackedEventMessage<?>> readDeserialized(long after, long upTo, int limit, Set<String> types) {
        List<TrackedEventMessage<?>> page = reader.readOfTypes(after, upTo, limit, types);
        for (TrackedEventMessage<?> event : page) {
            try {
                event.getPayload();
                event.getMetaData();
                event.getTimestamp();
            } catch (RuntimeException deserializationFailed) {
                log.debug("Event {} did not deserialize ahead of its fold", event.getIdentifier());
            }
        }
        return page;
    }

    private static List<TrackedEventMessage<?>> await(Future<List<TrackedEventMessage<?>>> page)
            throws InterruptedException {
        try {
            return page.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void feedChunk(
            Projection projection,
            Projection.Replay replay,
            ReplayCoverage coverage,
            boolean intoShadows,
            Progress progress,
            List<TrackedEventMessage<?>> page) {
        List<EventMessage<?>> chunk = new ArrayList<>(page.size());
        for (TrackedEventMessage<?> event : page) {
            if (coverage.covers(event, EventStoreReader.positionOf(event)) && !progress.skips(event)) {
                chunk.add(event);
            }
        }
        if (!chunk.isEmpty()) {
            try {
                progress.handled(inChunkTransaction(projection, intoShadows, () -> handle(replay, chunk)));
            } catch (RuntimeException chunkFailed) {
                if (stopRequested()) {
                    throw chunkFailed;
                }
                inChunkTransaction(projection, intoShadows, () -> {
                    feedInHalves(replay, chunk, chunkFailed, progress);
                    return 0;
                });
            }
        }
        records.save(progress.status());
        pause.extendPause(projection.name());
    }

    /**
     * Feeds the events of a part that failed as one batch again in two halves, each in a savepoint, splitting a
     * half that fails again until the failing events stand alone: a chunk with one bad event costs about twice
     * the logarithm of its size in attempts, not one savepoint per event.
     */
    private void feedInHalves(
            Projection.Replay replay, List<EventMessage<?>> failed, RuntimeException failure, Progress progress) {
        if (failed.size() == 1) {
            progress.skip(failed.get(0), failure);
            return;
        }
        int middle = failed.size() / 2;
        for (List<EventMessage<?>> half : List.of(failed.subList(0, middle), failed.subList(middle, failed.size()))) {
            List<EventMessage<?>> events =
                    half.stream().filter(event -> !progress.skips(event)).toList();
            if (events.isEmpty()) {
                continue;
            }
            try {
                progress.handled(isolation.inSavepoint(() -> handle(replay, events)));
            } catch (RuntimeException halfFailed) {
                if (stopRequested()) {
                    throw halfFailed;
                }
                feedInHalves(replay, events, halfFailed, progress);
            }
        }
    }

    private int inChunkTransaction(Projection projection, boolean intoShadows, Supplier<Integer> work) {
        return transactions.execute(tx -> {
            if (intoShadows) {
                shadows.useInThisTransaction(projection);
            }
            return work.get();
        });
    }

    private static int handle(Projection.Replay replay, List<EventMessage<?>> events) {
        try {
            return replay.handle(events);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** How long each phase of a replay took, for the operator's log line. */
    private static final class PhaseClock {
        private final StringJoiner laps = new StringJoiner(", ");
        private long lapStarted = System.nanoTime();

        void lap(String phase) {
            long now = System.nanoTime();
            laps.add(phase + " " + TimeUnit.NANOSECONDS.toMillis(now - lapStarted) + " ms");
            lapStarted = now;
        }

        void note(String what, long nanos) {
            laps.add(what + " " + TimeUnit.NANOSECONDS.toMillis(nanos) + " ms");
        }

        @Override
        public String toString() {
            return laps.toString();
        }
    }

    /** Counts what a replay handled and remembers the aggregates whose events it had to skip. */
    private final class Progress {
        private final ReplayStatus rebuilding;
        private final Map<String, SkippedEvent> skippedAggregates = new LinkedHashMap<>();
        private long processed;
        private long readWaitNanos;

        Progress(ReplayStatus rebuilding) {
            this.rebuilding = rebuilding;
        }

        void waitedForReads(long nanos) {
            readWaitNanos += nanos;
        }

        void handled(int events) {
            processed += events;
        }

        boolean skips(EventMessage<?> event) {
            return event instanceof DomainEventMessage<?> domain
                    && skippedAggregates.containsKey(domain.getAggregateIdentifier());
        }

        void skip(EventMessage<?> event, RuntimeException failure) {
            if (event instanceof DomainEventMessage<?> domain) {
                skippedAggregates.put(
                        domain.getAggregateIdentifier(),
                        new SkippedEvent(
                                EventStoreReader.positionOf((TrackedEventMessage<?>) event),
                                domain.getAggregateIdentifier(),
                                event.getPayloadType().getSimpleName(),
                                String.valueOf(FailureCauses.describe(rootCause(failure)))));
            }
        }

        Set<String> skippedAggregates() {
            return skippedAggregates.keySet();
        }

        ReplayStatus status() {
            return rebuilding.progress(processed, List.copyOf(skippedAggregates.values()));
        }
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    @Override
    public void start() {
        lifecycleRunning = true;
    }

    /**
     * Abandons the replay running here and the ones waiting (each cleans up as it would after a failure), and waits
     * for that before the node goes on to stop its processors and close its pools.
     */
    @Override
    public void stop() {
        worker.interrupt();
        readAhead.shutdownNow();
        try {
            if (!worker.awaitEnd(ABANDON_WAIT)) {
                log.warn("A replay was not abandoned within {}; the node stops without its clean-up", ABANDON_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lockRenewal.shutdownNow();
            lifecycleRunning = false;
        }
    }

    @Override
    public boolean isRunning() {
        return lifecycleRunning;
    }

    /** Stops before the processors, the Redis connections and the pools (phase 0 and below) it needs to clean up. */
    @Override
    public int getPhase() {
        return PHASE;
    }

    private static final String NODE_STOPPED = "The node running it stopped";
}
