package io.hindsight.projection.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * What every node knows about replays, kept in Redis: one replay per projection at a time cluster-wide (a
 * lock its node renews while the replay runs, so it expires soon after that node dies), the last replay's status,
 * and which projections are being rebuilt in place.
 */
@Component
public class ReplayRecords {

    private static final String STATUS_KEY = "hs:projections:replay:";
    private static final String LOCK_KEY = "hs:projections:replay-lock:";
    private static final String IN_PLACE_KEY = "hs:projections:rebuilding:";
    private static final String IN_PLACE_STARTS_KEY = "hs:projections:rebuilds-started:";
    /**
     * How long a replay's lock outlives its last renewal. An hour kept a projection from being replayed for that
     * long after its replaying node died - an erasure's clean-up taken up by another node among them.
     */
    public static final Duration LOCK_LEASE = Duration.ofMinutes(2);

    private final StringRedisTemplate redis;
    private final ObjectMapper json;

    public ReplayRecords(StringRedisTemplate redis, ObjectMapper json) {
        this.redis = redis;
        this.json = json;
    }

    public boolean lock(String projection) {
        return Boolean.TRUE.equals(redis.opsForValue()
                .setIfAbsent(LOCK_KEY + projection, Instant.now().toString(), LOCK_LEASE));
    }

    /** Renews the lease of a replay's lock; false when the lock was gone (it expired, or Redis lost it). */
    public boolean renewLock(String projection) {
        return Boolean.TRUE.equals(redis.expire(LOCK_KEY + projection, LOCK_LEASE));
    }

    public void unlock(String projection) {
        redis.delete(LOCK_KEY + projection);
    }

    /**
     * The last replay's status. One saved as running whose lock is gone ended without saving its end (its node was
     * killed, or lost Redis at the end): it is shown as failed rather than running for the status's week.
     */
    public ReplayStatus status(String projection) {
        String stored = redis.opsForValue().get(STATUS_KEY + projection);
        if (stored == null) {
            return ReplayStatus.neverRun(projection);
        }
        ReplayStatus status;
        try {
            status = json.readValue(stored, ReplayStatus.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (status.running() && !Boolean.TRUE.equals(redis.hasKey(LOCK_KEY + projection))) {
            return status.failed("The replay ended without finishing: the node running it stopped or lost its stores");
        }
        return status;
    }

    public void save(ReplayStatus status) {
        try {
            redis.opsForValue()
                    .set(STATUS_KEY + status.projection(), json.writeValueAsString(status), Duration.ofDays(7));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Counted before it is marked, so a read that saw neither a mark nor a new count overlapped no rebuild. */
    public void markRebuildingInPlace(String projection) {
        redis.opsForValue().increment(IN_PLACE_STARTS_KEY + projection);
        redis.opsForValue().set(IN_PLACE_KEY + projection, "1", Duration.ofHours(1));
    }

    public void clearRebuildingInPlace(String projection) {
        redis.delete(IN_PLACE_KEY + projection);
    }

    /** Whether the projection is being rebuilt in place, and how many such rebuilds have started, in one round trip. */
    public InPlaceRebuilds inPlaceRebuilds(String projection) {
        List<String> values =
                redis.opsForValue().multiGet(List.of(IN_PLACE_KEY + projection, IN_PLACE_STARTS_KEY + projection));
        return new InPlaceRebuilds(values.get(0) != null, values.get(1));
    }

    public record InPlaceRebuilds(boolean running, String started) {}
}
