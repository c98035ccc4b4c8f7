package io.hindsight.projection.admin;

import io.hindsight.projection.EventStoreFetch;
import io.hindsight.projection.Projection;
import io.hindsight.query.QueryRole;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes for reads answered from a projection's tables as a whole (lists, balances, statistics), which
 * cannot fold what they lack the way a detail read does: before such a read, waits until the projection has folded
 * every event of its types that was committed when the read began, on whichever node folds it. The wait is bounded
 * ({@code hindsight.projections.read-wait}), and skipped for events no running processor will fold (a paused
 * projection, a segment in error or held by no node): a read is then answered as the read model stands.
 */
@QueryRole
@Component
public class ProjectionCatchUp implements MessageListener, InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(ProjectionCatchUp.class);

    /** Where a waiting reader asks the nodes that hold the projection's other segments to fetch at once. */
    private static final String FETCH_CHANNEL = "hs:projections:fetch";

    /** Beyond this many unfolded events the projection is catching up, not a moment behind; the wait rereads. */
    static final int MOST_EVENTS_AWAITED = 1_000;

    private static final long LOCAL_POLL_NANOS = Duration.ofMillis(1).toNanos();
    private static final long STORED_POLL_NANOS = Duration.ofMillis(10).toNanos();

    /** How often at most this node asks for fetches, however many readers wait. */
    private static final long FETCH_ASKED_EVERY_NANOS = Duration.ofMillis(25).toNanos();

    /** After the fetch window, an event still unfolded on a node that takes commands was most likely another's. */
    private static final Duration OWN_COMMITS_MARGIN = Duration.ofMillis(5);

    private final ProjectionRegistry registry;
    private final EventProcessingConfiguration processing;
    private final TrackingTokens tokens;
    private final ProjectionPause pause;
    private final HeldSegments held;
    private final JdbcClient jdbc;
    private final ObjectProvider<EventStoreFetch> fetch;
    private final StringRedisTemplate redis;
    private final RedisMessageListenerContainer listeners;
    private final Duration longestWait;
    private final long firstFetchAskedAfterNanos;
    private final AtomicLong lastFetchAsked = new AtomicLong(System.nanoTime() - Long.MAX_VALUE / 2);
    private final Map<String, Long> lastFetchAskedFor = new ConcurrentHashMap<>();
    private final Map<String, Optional<Set<String>>> payloadTypes = new ConcurrentHashMap<>();

    public ProjectionCatchUp(
            ProjectionRegistry registry,
            EventProcessingConfiguration processing,
            TrackingTokens tokens,
            ProjectionPause pause,
            HeldSegments held,
            JdbcClient jdbc,
            ObjectProvider<EventStoreFetch> fetch,
            StringRedisTemplate redis,
            RedisMessageListenerContainer projectionControlListener,
            @Value("${hindsight.projections.read-wait:PT2S}") Duration longestWait,
            @Value("#{'${hindsight.roles:command,query}'.toLowerCase().contains('command')}") boolean commandsHere,
            @Value("${hindsight.projections.fetch-window:PT0.035S}") Duration fetchWindow) {
        this.registry = registry;
        this.processing = processing;
        this.tokens = tokens;
        this.pause = pause;
        this.held = held;
        this.jdbc = jdbc;
        this.fetch = fetch;
        this.redis = redis;
        this.listeners = projectionControlListener;
        this.longestWait = longestWait;
        // this node's reader fetches its own commits within the window; another node's only at its next poll, so a
        // node without the command role (it commits nothing) asks at once
        this.firstFetchAskedAfterNanos =
                commandsHere ? fetchWindow.plus(OWN_COMMITS_MARGIN).toNanos() : 0;
    }

    @Override
    public void afterPropertiesSet() {
        listeners.addMessageListener(this, new ChannelTopic(FETCH_CHANNEL));
    }

    /** Another node's reader waits for a segment of the projection this node may hold. */
    @Override
    public void onMessage(Message message, byte[] pattern) {
        String projection = new String(message.getBody(), StandardCharsets.UTF_8);
        if (!registry.all().containsKey(projection)) {
            return;
        }
        long now = System.nanoTime();
        Long last = lastFetchAskedFor.get(projection);
        if (last == null || now - last >= FETCH_ASKED_EVERY_NANOS) {
            lastFetchAskedFor.put(projection, now);
            fetch.ifAvailable(reader -> reader.fetchNow(payloadTypes(projection).orElse(Set.of())));
        }
    }

    /** Returns once {@code projection} has folded what was committed before this call, or its wait ran out. */
    public void awaitCommitted(String projection) {
        if (pause.isPausedHere(projection)) {
            return;
        }
        long started = System.nanoTime();
        long deadline = started + longestWait.toNanos();
        Optional<StreamingEventProcessor> local = processing.eventProcessor(projection, StreamingEventProcessor.class);
        Map<Segment, Folder> folders = folders(projection, local);
        if (folders.isEmpty()) {
            return;
        }
        List<Unfolded> unfolded = unfolded(projection, lowestFolded(folders.values()));
        long readThrough = lastPosition(unfolded, -1);
        boolean more = unfolded.size() > MOST_EVENTS_AWAITED;
        while (true) {
            Map<Segment, Folder> current = folders;
            unfolded.removeIf(event -> isFoldedOrWillNotBe(event, current));
            long now = System.nanoTime();
            if (unfolded.isEmpty() && more && now <= deadline) {
                // Read on after the batch just found folded: the lowest folded position stays below a segment's oldest
                // gap, and a gap (a rolled-back append: a lost race, a node killed mid-commit) can stay in the token
                // for thousands of positions, so reading from there again returned the same batch for ever.
                unfolded = unfolded(projection, Math.max(lowestFolded(folders.values()), readThrough));
                readThrough = lastPosition(unfolded, readThrough);
                more = unfolded.size() > MOST_EVENTS_AWAITED;
                continue;
            }
            if (unfolded.isEmpty() || now > deadline) {
                return;
            }
            askForFetch(projection, folders, started, now);
            boolean allHere = folders.values().stream().allMatch(Folder::here);
            LockSupport.parkNanos(allHere ? LOCAL_POLL_NANOS : STORED_POLL_NANOS);
            folders = folders(projection, local);
        }
    }

    /**
     * Asks this node's reader for other nodes' commits, and the nodes that hold some of the projection's segments to
     * do the same: at most once per interval whoever waits.
     */
    private void askForFetch(String projection, Map<Segment, Folder> folders, long started, long now) {
        long last = lastFetchAsked.get();
        if (now - started >= firstFetchAskedAfterNanos
                && now - last >= FETCH_ASKED_EVERY_NANOS
                && lastFetchAsked.compareAndSet(last, now)) {
            fetch.ifAvailable(reader -> reader.fetchNow(payloadTypes(projection).orElse(Set.of())));
            if (!folders.values().stream().allMatch(Folder::here)) {
                try {
                    redis.convertAndSend(FETCH_CHANNEL, projection);
                } catch (RuntimeException unreachable) {
                    log.debug("Could not ask other nodes to fetch for {}: {}", projection, unreachable.toString());
                }
            }
        }
    }

    /**
     * Every segment of the projection with the token of the node that folds it: the live one where this node runs
     * the segment (advanced only once a batch's rows are committed), else the one stored with those rows.
     */
    private Map<Segment, Folder> folders(String projection, Optional<StreamingEventProcessor> local) {
        Map<Integer, EventTrackerStatus> here = local.map(held::statuses).orElse(Map.of());
        Map<Segment, Folder> folders = new HashMap<>();
        here.values().forEach(status -> folders.put(status.getSegment(), Folder.here(status)));
        if (!coversEveryEvent(folders.keySet())) {
            List<TrackingTokens.StoredSegment> stored = tokens.segments(projection);
            int[] ids = stored.stream()
                    .mapToInt(TrackingTokens.StoredSegment::segment)
                    .toArray();
            for (TrackingTokens.StoredSegment segment : stored) {
                Segment key = Segment.computeSegment(segment.segment(), ids);
                folders.putIfAbsent(key, new Folder(segment.token(), segment.owner() != null, false));
            }
        }
        return folders;
    }

    /** Whether the segments split the whole stream between them (then the token table need not be read). */
    private static boolean coversEveryEvent(Set<Segment> segments) {
        double share = 0;
        for (Segment segment : segments) {
            share += 1.0 / (segment.getMask() + 1L);
        }
        return share >= 1.0;
    }

    private static boolean isFoldedOrWillNotBe(Unfolded event, Map<Segment, Folder> folders) {
        for (Map.Entry<Segment, Folder> entry : folders.entrySet()) {
            if (entry.getKey().matches(event.aggregateId())) {
                Folder folder = entry.getValue();
                return !folder.folding() || ReplayCoverage.covers(folder.token(), event.position());
            }
        }
        return true;
    }

    /** Below the first gap of the segment furthest behind, every position is folded or was never an event. */
    private static long lowestFolded(Iterable<Folder> folders) {
        long lowest = Long.MAX_VALUE;
        for (Folder folder : folders) {
            if (folder.folding()) {
                lowest = Math.min(lowest, lowerBound(folder.token()));
            }
        }
        return lowest;
    }

    static long lowerBound(TrackingToken token) {
        TrackingToken lower = token == null ? null : WrappedToken.unwrapLowerBound(token);
        // a replay from the first event has folded nothing yet: its lower bound is no token at all
        if (lower == null) {
            return -1;
        }
        if (lower instanceof GapAwareTrackingToken gapAware && gapAware.hasGaps()) {
            return gapAware.getGaps().first() - 1;
        }
        return lower.position().orElse(-1);
    }

    private static long lastPosition(List<Unfolded> events, long otherwise) {
        return events.isEmpty() ? otherwise : events.get(events.size() - 1).position();
    }

    /** The events of the projection's types after {@code position} that are committed now, oldest first. */
    private List<Unfolded> unfolded(String projection, long position) {
        if (position == Long.MAX_VALUE) {
            return new ArrayList<>();
        }
        Optional<Set<String>> types = payloadTypes(projection);
        if (types.isPresent() && types.get().isEmpty()) {
            return new ArrayList<>();
        }
        String sql = "SELECT global_index, aggregate_identifier FROM domain_event_entry WHERE global_index > :position"
                + (types.isPresent() ? " AND payload_type IN (:types)" : "")
                + " ORDER BY global_index LIMIT :limit";
        JdbcClient.StatementSpec statement =
                jdbc.sql(sql).param("position", position).param("limit", MOST_EVENTS_AWAITED + 1);
        if (types.isPresent()) {
            statement = statement.param("types", types.get());
        }
        return new ArrayList<>(statement
                .query((rs, n) -> new Unfolded(rs.getLong(1), rs.getString(2)))
                .list());
    }

    private Optional<Set<String>> payloadTypes(String projection) {
        return payloadTypes.computeIfAbsent(
                projection,
                name -> Optional.ofNullable(registry.all().get(name)).flatMap(Projection::payloadTypes));
    }

    /** An event that was committed when the read began and that the projection had not folded then. */
    private record Unfolded(long position, String aggregateId) {}

    /**
     * A segment's token; {@code folding} is false when no processor moves it (held by no node, or failed here), and
     * {@code here} when the token is this node's live one.
     */
    private record Folder(TrackingToken token, boolean folding, boolean here) {

        static Folder here(EventTrackerStatus status) {
            return new Folder(status.getTrackingToken(), !status.isErrorState(), true);
        }
    }
}
