package io.hindsight.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import io.hindsight.projection.ReplayStatus.Difference;
import io.hindsight.projection.ReplayStatus.State;
import io.hindsight.query.QueryRole;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds a projection from the first event and verifies the result. The projection is paused on
 * every node at some position P; its handlers are fed exactly the events its live tokens cover (so
 * both sides stand at P), into side-by-side copies of its tables while queries keep reading the live
 * ones. The rebuilt rows are compared with the live rows; if they differ the rebuilt tables, being the
 * fold of the events, replace the live ones. Projections outside PostgreSQL are rebuilt in place and
 * answer 503 meanwhile. The live processor then resumes from P.
 */
@QueryRole
@Component
public class ProjectionRebuilder implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilder.class);
    private static final int BATCH = 500;
    private static final int DIFFERENCES_SHOWN = 50;
    private static final String STATUS_KEY = "hs:projections:replay:";
    private static final String LOCK_KEY = "hs:projections:replay-lock:";
    private static final String IN_PLACE_KEY = "hs:projections:rebuilding:";

    private final ProjectionRegistry registry;
    private final ProjectionControl control;
    private final ReadModelTables tables;
    private final EventStoreReader reader;
    private final EventProcessingConfiguration processing;
    private final Configuration axon;
    private final Serializer serializer;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final StringRedisTemplate redis;
    private final ObjectMapper json;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "projection-replay"));

    public ProjectionRebuilder(
            ProjectionRegistry registry,
            ProjectionControl control,
            ReadModelTables tables,
            EventStoreReader reader,
            EventProcessingConfiguration processing,
            Configuration axon,
            Serializer serializer,
            JdbcClient jdbc,
            PlatformTransactionManager transactionManager,
            StringRedisTemplate redis,
            ObjectMapper json) {
        this.registry = registry;
        this.control = control;
        this.tables = tables;
        this.reader = reader;
        this.processing = processing;
        this.axon = axon;
        this.serializer = serializer;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.redis = redis;
        this.json = json;
    }

    /** Starts a replay in the background; only one per projection at a time, cluster-wide. */
    public ReplayStatus start(String name) {
        Projection projection = registry.get(name);
        if (!Boolean.TRUE.equals(
                redis.opsForValue().setIfAbsent(LOCK_KEY + name, Instant.now().toString(), Duration.ofHours(1)))) {
            throw new BusinessException(
                    CommonError.REPLAY_IN_PROGRESS, "Projection %s is already being replayed", name);
        }
        String strategy = projection.tables().isEmpty() ? "IN_PLACE" : "SIDE_BY_SIDE";
        ReplayStatus started =
                new ReplayStatus(name, State.PAUSING, strategy, 0, null, null, 0, List.of(), Instant.now(), null, null);
        save(started);
        worker.submit(() -> run(projection, started));
        return started;
    }

    public ReplayStatus status(String name) {
        registry.get(name);
        String stored = redis.opsForValue().get(STATUS_KEY + name);
        if (stored == null) {
            return ReplayStatus.neverRun(name);
        }
        try {
            return json.readValue(stored, ReplayStatus.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True while an in-place rebuild leaves the projection incomplete; its queries answer 503. */
    public boolean isRebuildingInPlace(String name) {
        return Boolean.TRUE.equals(redis.hasKey(IN_PLACE_KEY + name));
    }

    private void run(Projection projection, ReplayStatus started) {
        String name = projection.name();
        ReplayStatus status = started;
        boolean sideBySide = !projection.tables().isEmpty();
        try {
            control.pauseEverywhere(name, Duration.ofSeconds(60));
            Map<Segment, TrackingToken> liveTokens = liveTokens(name);
            long position = liveTokens.values().stream()
                    .filter(Objects::nonNull)
                    .mapToLong(t -> t.position().orElse(-1))
                    .max()
                    .orElse(-1);
            status = new ReplayStatus(
                    name,
                    State.REBUILDING,
                    status.strategy(),
                    0,
                    position,
                    null,
                    0,
                    List.of(),
                    status.startedAt(),
                    null,
                    null);
            save(status);

            Map<String, String> before;
            Map<String, String> after;
            AnnotationEventHandlerAdapter handlers =
                    new AnnotationEventHandlerAdapter(projection, axon.parameterResolverFactory());
            if (sideBySide) {
                before = tables.snapshotIn(ReadModelTables.LIVE_SCHEMA, projection.tables());
                transactions.executeWithoutResult(tx -> tables.createShadows(projection.tables()));
                long processed = feed(name, handlers, liveTokens, position, true, status);
                status = status.with(State.VERIFYING, processed);
                save(status);
                after = tables.snapshotIn(ReadModelTables.REBUILD_SCHEMA, projection.tables());
            } else {
                before = projection.snapshot();
                redis.opsForValue().set(IN_PLACE_KEY + name, "1", Duration.ofHours(1));
                transactions.executeWithoutResult(tx -> handlers.prepareReset());
                long processed = feed(name, handlers, liveTokens, position, false, status);
                status = status.with(State.VERIFYING, processed);
                save(status);
                after = projection.snapshot();
            }

            List<Difference> differences = compare(before, after);
            if (sideBySide) {
                transactions.executeWithoutResult(tx -> {
                    if (differences.isEmpty()) {
                        tables.dropShadows(projection.tables());
                    } else {
                        tables.swapInShadows(projection.tables());
                    }
                });
            }
            processing.deadLetterQueue(name).ifPresent(queue -> queue.clear());
            status = new ReplayStatus(
                    name,
                    State.COMPLETED,
                    status.strategy(),
                    status.processed(),
                    position,
                    differences.isEmpty(),
                    differences.size(),
                    differences.subList(0, Math.min(DIFFERENCES_SHOWN, differences.size())),
                    status.startedAt(),
                    Instant.now(),
                    null);
            log.info("Replay of {} finished: {} events, {} differences", name, status.processed(), differences.size());
        } catch (Exception e) {
            log.warn("Replay of {} failed", name, e);
            if (sideBySide) {
                transactions.executeWithoutResult(tx -> tables.dropShadows(projection.tables()));
            }
            status = new ReplayStatus(
                    name,
                    State.FAILED,
                    status.strategy(),
                    status.processed(),
                    status.position(),
                    false,
                    0,
                    List.of(),
                    status.startedAt(),
                    Instant.now(),
                    String.valueOf(e.getMessage()));
        } finally {
            save(status);
            redis.delete(IN_PLACE_KEY + name);
            control.resumeEverywhere(name);
            redis.delete(LOCK_KEY + name);
        }
    }

    /** Feeds the handlers every event the live tokens cover, in batches of one transaction each. */
    private long feed(
            String name,
            AnnotationEventHandlerAdapter handlers,
            Map<Segment, TrackingToken> liveTokens,
            long position,
            boolean intoShadows,
            ReplayStatus status) {
        SequencingPolicy<? super EventMessage<?>> sequencing = processing.sequencingPolicy(name);
        long processed = 0;
        long cursor = 0;
        List<TrackedEventMessage<?>> page;
        do {
            page = reader.read(cursor, position, BATCH, List.of());
            List<EventMessage<?>> batch = new ArrayList<>(page.size());
            for (TrackedEventMessage<?> event : page) {
                long index = EventStoreReader.positionOf(event);
                cursor = index;
                if (covered(event, index, liveTokens, sequencing) && handlers.canHandle(event)) {
                    batch.add(event);
                }
            }
            processed += apply(handlers, batch, intoShadows);
            save(status.with(State.REBUILDING, processed));
            control.extendPause(name);
        } while (page.size() == BATCH);
        return processed;
    }

    private int apply(AnnotationEventHandlerAdapter handlers, List<EventMessage<?>> batch, boolean intoShadows) {
        int size = batch.size();
        if (size == 0) {
            return 0;
        }
        transactions.executeWithoutResult(tx -> {
            if (intoShadows) {
                tables.useShadowsInThisTransaction();
            }
            for (EventMessage<?> event : batch) {
                var result = DefaultUnitOfWork.startAndGet(event).executeWithResult(() -> handlers.handle(event));
                if (result.isExceptional()) {
                    throw new IllegalStateException(
                            "Event " + event.getIdentifier() + " ("
                                    + event.getPayloadType().getSimpleName() + ") failed: "
                                    + result.exceptionResult().getMessage(),
                            result.exceptionResult());
                }
            }
        });
        batch.clear();
        return size;
    }

    private static boolean covered(
            TrackedEventMessage<?> event,
            long index,
            Map<Segment, TrackingToken> liveTokens,
            SequencingPolicy<? super EventMessage<?>> sequencing) {
        Object sequence = sequencing.getSequenceIdentifierFor(event);
        Object key = sequence != null ? sequence : event.getIdentifier();
        for (Map.Entry<Segment, TrackingToken> entry : liveTokens.entrySet()) {
            if (entry.getKey().matches(key)) {
                return covers(entry.getValue(), index);
            }
        }
        return false;
    }

    /**
     * Whether the live processor has handled the event at {@code index}: at or below its position and not
     * one of the gaps it still waits for. ({@code TrackingToken.covers} compares whole tokens, gaps included,
     * which is not the question here.)
     */
    private static boolean covers(TrackingToken token, long index) {
        if (token instanceof ReplayToken replay) {
            return covers(replay.getCurrentToken(), index);
        }
        if (token instanceof GapAwareTrackingToken gapAware) {
            return index <= gapAware.getIndex() && !gapAware.getGaps().contains(index);
        }
        return token != null && token.position().orElse(-1) >= index;
    }

    private Map<Segment, TrackingToken> liveTokens(String name) {
        record Row(int segment, byte[] token, String type) {}
        List<Row> rows = jdbc.sql("SELECT segment, token, token_type FROM token_entry WHERE processor_name = :name")
                .param("name", name)
                .query((rs, n) -> new Row(rs.getInt(1), rs.getBytes(2), rs.getString(3)))
                .list();
        int[] ids = rows.stream().mapToInt(Row::segment).toArray();
        Map<Segment, TrackingToken> tokens = new HashMap<>();
        for (Row row : rows) {
            TrackingToken token = row.token() == null
                    ? null
                    : serializer.deserialize(new SimpleSerializedObject<>(row.token(), byte[].class, row.type(), null));
            tokens.put(Segment.computeSegment(row.segment(), ids), token);
        }
        return tokens;
    }

    private static List<Difference> compare(Map<String, String> before, Map<String, String> after) {
        TreeSet<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        List<Difference> differences = new ArrayList<>();
        for (String key : keys) {
            String was = before.get(key);
            String now = after.get(key);
            if (!Objects.equals(was, now)) {
                differences.add(new Difference(key, was, now));
            }
        }
        return differences;
    }

    private void save(ReplayStatus status) {
        try {
            redis.opsForValue()
                    .set(STATUS_KEY + status.projection(), json.writeValueAsString(status), Duration.ofDays(7));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}
