package io.hindsight.projection.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * What every node knows about replays, kept in Redis: one replay per projection at a time cluster-wide (a
 * lock its node renews while the replay runs, so it expires soon after that node dies), the last replay's status,
 * and which projections are being rebuilt in place (and are not whole until that rebuild has folded every event).
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

    private static final Duration STATUS_KEPT = Duration.ofDays(7);
    static final String ABANDONED =
            "The replay ended without finishing: the node running it stopped or lost its stores";
    /** Replaces a status only if it is still the one read and no replay holds the lock: none can have moved it on. */
    private static final RedisScript<Long> REPLACE_UNLOCKED_STATUS = RedisScript.of("""
            if redis.call('EXISTS', KEYS[2]) == 0 and redis.call('GET', KEYS[1]) == ARGV[1] then
              redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
              return 1
            end
            return 0""", Long.class);

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

    public boolean locked(String projection) {
        return Boolean.TRUE.equals(redis.hasKey(LOCK_KEY + projection));
    }

    /**
     * The last replay's status. One saved as running whose lock is gone ended without saving its end (its node was
     * killed, or lost Redis at the end): it is shown as failed rather than running for the status's week. The status
     * is read again once the lock is found gone: a replay saves its end and then lets go of its lock, and both could
     * fall between the two reads - a replay that had just completed read as abandoned, and an erasure's clean-up
     * waiting on it ended FAILED.
     */
    public ReplayStatus status(String projection) {
        String stored = redis.opsForValue().get(STATUS_KEY + projection);
        if (stored == null) {
            return ReplayStatus.neverRun(projection);
        }
        ReplayStatus status = parse(stored);
        if (status.running() && !locked(projection)) {
            String again = redis.opsForValue().get(STATUS_KEY + projection);
            if (again != null && !again.equals(stored)) {
                return parse(again);
            }
            return status.failed(ABANDONED);
        }
        return status;
    }

    /**
     * Saves the last replay's status as failed if it was left running by a replay that holds no lock any more (its
     * node stopped or died), and answers it then.
     */
    public Optional<ReplayStatus> recordAbandoned(String projection) {
        String stored = redis.opsForValue().get(STATUS_KEY + projection);
        if (stored == null) {
            return Optional.empty();
        }
        ReplayStatus status = parse(stored);
        if (!status.running()) {
            return Optional.empty();
        }
        ReplayStatus abandoned = status.failed(ABANDONED);
        Long replaced = redis.execute(
                REPLACE_UNLOCKED_STATUS,
                List.of(STATUS_KEY + projection, LOCK_KEY + projection),
                stored,
                json(abandoned),
                Long.toString(STATUS_KEPT.toSeconds()));
        return Long.valueOf(1).equals(replaced) ? Optional.of(abandoned) : Optional.empty();
    }

    public void save(ReplayStatus status) {
        redis.opsForValue().set(STATUS_KEY + status.projection(), json(status), STATUS_KEPT);
    }

    private ReplayStatus parse(String stored) {
        try {
            return json.readValue(stored, ReplayStatus.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String json(ReplayStatus status) {
        try {
            return json.writeValueAsString(status);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Marks the projection as rebuilt in place, before its read model is emptied: its reads answer 503 until the mark
     * is cleared, which only a rebuild that folded every event does. The mark has no expiry: a rebuild that stops
     * halfway (its node stopped or died, or it failed) leaves a read model that is not the fold of its events, and
     * {@link AbandonedReplays} rebuilds it again. Counted before it is marked, so a read that saw neither a mark nor
     * a new count overlapped no rebuild.
     */
    public void markRebuildingInPlace(String projection) {
        redis.opsForValue().increment(IN_PLACE_STARTS_KEY + projection);
        redis.opsForValue().set(IN_PLACE_KEY + projection, "1");
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
