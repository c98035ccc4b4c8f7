package io.hindsight.platform.axon;

import io.hindsight.projection.admin.HeldSegments;
import io.hindsight.projection.admin.TokenOwner;
import io.hindsight.query.QueryRole;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Spreads every projection's segments over the live query nodes. Axon 4 never gives up a claimed segment by
 * itself, so the first query node up would keep them all. Each query node announces itself in Redis every
 * {@link #HEARTBEAT} (the announcement lapses after {@link #LAPSES_AFTER}) and releases the segments it holds
 * beyond its fair share - a processor's segments divided by the live nodes, rounded up - for long enough that
 * another node claims them first. A dead node stops announcing itself and renewing its claims; once both have
 * lapsed, the first live node to look frees its claims and takes them ({@link LapsedNodeClaims}), and keeps them as
 * the dead node no longer counts. A released segment that no other node takes (its processor paused or failing there)
 * comes back to this node, which then keeps its surplus of that processor for a while rather than stall the
 * segment again and again: {@link #FIRST_QUIET} after the first such release (a node just started may not have
 * begun claiming yet), twice as long after each further one, at most {@link #LONGEST_QUIET}.
 */
@QueryRole
@Component
public class SegmentBalancer implements SmartLifecycle {

    static final String NODES_KEY = "hs:query-nodes";
    static final Duration HEARTBEAT = Duration.ofSeconds(1);
    static final Duration LAPSES_AFTER = Duration.ofSeconds(3);
    static final Duration FIRST_QUIET = Duration.ofSeconds(10);
    static final Duration LONGEST_QUIET = Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> ANNOUNCE = RedisScript.of("""
            redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            return redis.call('ZRANGE', KEYS[1], 0, -1)""", List.class);

    /** This node's name in the announcements: its owner name in the token table. */
    private final String nodeId;

    private final LapsedNodeClaims lapsedNodeClaims;
    private final Clock clock;
    private final EventProcessingConfiguration processing;
    private final TokenStore tokenStore;
    private final StringRedisTemplate redis;
    private final HeldSegments heldSegments;
    private final Duration releaseFor;
    private final Duration claimInterval;
    /** Per processor: when this node's last release should have been taken over by another node. */
    private final Map<String, Long> releaseSettles = new HashMap<>();
    /** Per processor: until when this node keeps its surplus because no other node took a released segment. */
    private final Map<String, Long> quietUntil = new HashMap<>();
    /** Per processor: how many releases in a row came back untaken. */
    private final Map<String, Integer> untakenReleases = new HashMap<>();
    /** Per processor: the segments no node had claimed at the last look for left-over segments. */
    private final Map<String, Set<Integer>> unclaimedAtLastLook = new HashMap<>();
    /** Per processor: when to look for left-over segments next. */
    private final Map<String, Long> nextLook = new HashMap<>();

    private ScheduledExecutorService ticker;

    public SegmentBalancer(
            EventProcessingConfiguration processing,
            TokenStore tokenStore,
            StringRedisTemplate redis,
            HeldSegments heldSegments,
            ProjectionProperties projections,
            TokenOwner owner,
            LapsedNodeClaims lapsedNodeClaims,
            Clock clock) {
        this.nodeId = owner.name();
        this.lapsedNodeClaims = lapsedNodeClaims;
        this.heldSegments = heldSegments;
        this.clock = clock;
        this.processing = processing;
        this.tokenStore = tokenStore;
        this.redis = redis;
        this.claimInterval = projections.tokenClaimInterval();
        this.releaseFor = claimInterval.multipliedBy(3).plus(HEARTBEAT);
    }

    @Override
    public synchronized void start() {
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "segment-balancer");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleWithFixedDelay(this::tick, 0, HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
        try {
            redis.opsForZSet().remove(NODES_KEY, nodeId);
        } catch (RuntimeException e) {
            log.debug("Could not withdraw this query node's announcement: {}", e.toString());
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return ticker != null;
    }

    /** Stops before the processors (so no release races their shutdown), starts after them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    private void tick() {
        try {
            Set<String> announced = announce();
            takeOverFromLapsedNodes(announced);
            balance(announced.size());
        } catch (RuntimeException e) {
            log.warn("Segment balancing skipped this round: {}", e.toString());
        }
    }

    private Set<String> announce() {
        long now = clock.millis();
        List<?> nodes = redis.execute(
                ANNOUNCE,
                List.of(NODES_KEY),
                nodeId,
                Long.toString(now + LAPSES_AFTER.toMillis()),
                Long.toString(now),
                Long.toString(LAPSES_AFTER.multipliedBy(10).toMillis()));
        Set<String> announced = new HashSet<>();
        announced.add(nodeId);
        if (nodes != null) {
            nodes.forEach(node -> announced.add(String.valueOf(node)));
        }
        return announced;
    }

    /**
     * Claims here at once the segments of nodes whose announcement lapsed and whose claims went unrenewed for as
     * long (see {@link LapsedNodeClaims}), rather than wait for Axon's claim timeout and its next claim round.
     */
    void takeOverFromLapsedNodes(Set<String> announced) {
        Map<String, StreamingEventProcessor> running = new HashMap<>();
        for (EventProcessor processor : processing.eventProcessors().values()) {
            if (processor instanceof StreamingEventProcessor streaming && streaming.isRunning()) {
                running.put(streaming.getName(), streaming);
            }
        }
        if (running.isEmpty()) {
            return;
        }
        Instant notRenewedSince = clock.instant().minus(LAPSES_AFTER);
        for (LapsedNodeClaims.FreedClaim freed : lapsedNodeClaims.free(running.keySet(), announced, notRenewedSince)) {
            log.info(
                    "{}: segment {} was held by {}, which no longer announces itself; claiming it on this node",
                    freed.processor(),
                    freed.segment(),
                    freed.owner());
            running.get(freed.processor()).claimSegment(freed.segment());
        }
    }

    void balance(int liveNodes) {
        long now = clock.millis();
        for (EventProcessor processor : processing.eventProcessors().values()) {
            if (processor instanceof StreamingEventProcessor streaming && streaming.isRunning()) {
                String name = streaming.getName();
                Set<Integer> held = heldSegments.statuses(streaming).keySet();
                Long settled = releaseSettles.get(name);
                if (settled != null && now < settled) {
                    continue;
                }
                releaseSettles.remove(name);
                claimLeftOver(streaming, held, now);
                if (liveNodes == 1 || held.size() <= 1 || now < quietUntil.getOrDefault(name, 0L)) {
                    continue;
                }
                int surplus = held.size() - ceilDiv(tokenStore.fetchSegments(name).length, liveNodes);
                if (surplus <= 0) {
                    untakenReleases.remove(name);
                    continue;
                }
                if (settled != null) {
                    // Released and claimed back: no other node took it (not claiming yet, paused or failing).
                    int inARow = untakenReleases.merge(name, 1, Integer::sum);
                    long quiet = Math.min(LONGEST_QUIET.toMillis(), FIRST_QUIET.toMillis() << Math.min(inARow - 1, 10));
                    quietUntil.put(name, now + quiet);
                    log.info("{}: no other query node took a released segment; keeping it for {} ms", name, quiet);
                    continue;
                }
                held.stream()
                        .sorted(Comparator.reverseOrder())
                        .limit(surplus)
                        .forEach(segment ->
                                streaming.releaseSegment(segment, releaseFor.toMillis(), TimeUnit.MILLISECONDS));
                releaseSettles.put(
                        name,
                        now + releaseFor.plus(claimInterval).plus(HEARTBEAT).toMillis());
            }
        }
    }

    /**
     * Claims here a segment that no node has claimed at two looks in a row, {@code releaseFor} apart. Axon's coordinator
     * claims unclaimed segments every claim interval by itself, but in CI it was seen leaving a segment that a stopped
     * query node had given up unclaimed for more than 30 s (the cause is not found). The claim runs as a task of
     * the processor's coordinator, ahead of anything else it does. A segment this node released itself is not looked at
     * until the release has settled.
     */
    private void claimLeftOver(StreamingEventProcessor streaming, Set<Integer> held, long now) {
        String name = streaming.getName();
        if (now < nextLook.getOrDefault(name, 0L)) {
            return;
        }
        nextLook.put(name, now + releaseFor.toMillis());
        Set<Integer> unclaimed = new HashSet<>();
        for (Segment segment : tokenStore.fetchAvailableSegments(name)) {
            if (!held.contains(segment.getSegmentId())) {
                unclaimed.add(segment.getSegmentId());
            }
        }
        Set<Integer> before = unclaimedAtLastLook.put(name, unclaimed);
        for (int segment : unclaimed) {
            if (before != null && before.contains(segment)) {
                log.info("{}: segment {} has stayed unclaimed; claiming it on this node", name, segment);
                streaming.claimSegment(segment);
            }
        }
    }

    private static int ceilDiv(int dividend, int divisor) {
        return (dividend + divisor - 1) / divisor;
    }
}
