package io.hindsight.platform.axon;

import io.hindsight.query.QueryRole;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
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
 * another node claims them first. A dead node stops renewing its claims; others take its segments once the
 * claims time out ({@code axon.eventhandling.tokenstore.claim-timeout}), by which time its announcement has
 * lapsed, so they keep them.
 */
@QueryRole
@Component
public class SegmentBalancer implements SmartLifecycle {

    static final String NODES_KEY = "hs:query-nodes";
    static final Duration HEARTBEAT = Duration.ofSeconds(1);
    static final Duration LAPSES_AFTER = Duration.ofSeconds(3);

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    private static final RedisScript<Long> ANNOUNCE = RedisScript.of("""
            redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            return redis.call('ZCARD', KEYS[1])""", Long.class);

    private final String nodeId = UUID.randomUUID().toString();
    private final EventProcessingConfiguration processing;
    private final TokenStore tokenStore;
    private final StringRedisTemplate redis;
    private final Duration releaseFor;
    private ScheduledExecutorService ticker;

    public SegmentBalancer(
            EventProcessingConfiguration processing,
            TokenStore tokenStore,
            StringRedisTemplate redis,
            ProjectionProperties projections) {
        this.processing = processing;
        this.tokenStore = tokenStore;
        this.redis = redis;
        this.releaseFor = projections.tokenClaimInterval().multipliedBy(3).plus(HEARTBEAT);
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
            balance(announce());
        } catch (RuntimeException e) {
            log.warn("Segment balancing skipped this round: {}", e.toString());
        }
    }

    private int announce() {
        long now = System.currentTimeMillis();
        Long nodes = redis.execute(
                ANNOUNCE,
                List.of(NODES_KEY),
                nodeId,
                Long.toString(now + LAPSES_AFTER.toMillis()),
                Long.toString(now),
                Long.toString(LAPSES_AFTER.multipliedBy(10).toMillis()));
        return nodes == null ? 1 : Math.max(1, nodes.intValue());
    }

    private void balance(int liveNodes) {
        if (liveNodes == 1) {
            return;
        }
        for (EventProcessor processor : processing.eventProcessors().values()) {
            if (processor instanceof StreamingEventProcessor streaming && streaming.isRunning()) {
                Set<Integer> held = streaming.processingStatus().keySet();
                if (held.size() > 1) {
                    int fairShare = ceilDiv(tokenStore.fetchSegments(streaming.getName()).length, liveNodes);
                    held.stream()
                            .sorted(Comparator.reverseOrder())
                            .limit(Math.max(0, held.size() - fairShare))
                            .forEach(segment ->
                                    streaming.releaseSegment(segment, releaseFor.toMillis(), TimeUnit.MILLISECONDS));
                }
            }
        }
    }

    private static int ceilDiv(int dividend, int divisor) {
        return (dividend + divisor - 1) / divisor;
    }
}
