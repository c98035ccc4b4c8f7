package io.hindsight.platform.web;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/**
 * The durable side of {@code Idempotency-Key} ({@code idempotency_record}): each statement commits on its own,
 * so a claim is visible to every node before the request runs, and a finished response is kept whatever
 * happens to Redis.
 */
@Repository
public class IdempotencyRecords {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyRecords.class);
    /** Copies a response unless its account's personal data was erased since (KEYS: the copy, the erasure's mark). */
    private static final RedisScript<Long> COPY_UNLESS_ERASED = RedisScript.of("""
            if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return 1""", Long.class);

    private final JdbcClient jdbc;
    private final StringRedisTemplate redis;
    private final Clock clock;

    IdempotencyRecords(JdbcClient jdbc, StringRedisTemplate redis, Clock clock) {
        this.jdbc = jdbc;
        this.redis = redis;
        this.clock = clock;
    }

    /** Where Redis keeps a copy of a finished response. */
    static String cacheKey(String keyHash) {
        return "hs:idempotency:" + keyHash;
    }

    /** Where Redis notes that an account's personal data was erased, for as long as a copy could still arrive. */
    static String erasureMark(String accountId) {
        return "hs:idempotency:erased:" + accountId;
    }

    /**
     * Copies a finished response to Redis - unless it answered an account whose personal data has been erased since:
     * a copy that reaches Redis after the erasure's clean-up (its request paused, or its bytes late on the network)
     * would keep the account's values there for a day. Decided in Redis, against the mark the clean-up sets before it
     * deletes the copies, so a copy either arrives before the mark and is deleted, or after it and is refused.
     */
    void copy(String keyHash, String accountId, String response, Duration keep) {
        if (accountId == null) {
            redis.opsForValue().set(cacheKey(keyHash), response, keep);
        } else {
            redis.execute(
                    COPY_UNLESS_ERASED,
                    List.of(cacheKey(keyHash), erasureMark(accountId)),
                    response,
                    Long.toString(keep.toMillis()));
        }
    }

    /**
     * Claims the key for a request about to run, until {@code until}, which then names this claim (see {@link
     * #release}); false when another request holds it or finished with it. A claim whose time is up (its node died
     * while running it) may be taken over.
     */
    boolean claim(String keyHash, String bodyHash, String accountId, Instant until) {
        return jdbc.sql("""
                        INSERT INTO idempotency_record (key_hash, body_hash, account_id, expires_at)
                        VALUES (:key, :body, :account, :until)
                        ON CONFLICT (key_hash) DO UPDATE
                          SET body_hash = excluded.body_hash, account_id = excluded.account_id, status = NULL,
                              content_type = NULL, location = NULL, body = NULL, expires_at = excluded.expires_at
                          WHERE idempotency_record.expires_at < now()""")
                        .param("key", keyHash)
                        .param("body", bodyHash)
                        .param("account", accountId)
                        .param("until", Timestamp.from(until))
                        .update()
                > 0;
    }

    /**
     * Keeps the finished response of the request that claimed the key until {@code claimedUntil}; false if that claim
     * is gone (it ran out and another request took the key over).
     */
    boolean complete(String keyHash, Instant claimedUntil, IdempotencyFilter.StoredResponse response, Duration keep) {
        return jdbc.sql("""
                        UPDATE idempotency_record SET status = :status, content_type = :type, location = :location,
                          body = :content, expires_at = :until
                        WHERE key_hash = :key AND status IS NULL AND expires_at = :claimedUntil""")
                        .param("key", keyHash)
                        .param("claimedUntil", Timestamp.from(claimedUntil))
                        .param("status", response.status())
                        .param("type", response.contentType())
                        .param("location", response.location())
                        .param("content", response.body())
                        .param("until", Timestamp.from(clock.instant().plus(keep)))
                        .update()
                > 0;
    }

    /**
     * Gives the key up after a request that failed on our side, so that a retry runs: drops the claim made until
     * {@code until}, if it is still pending, never another request's later claim. Whether there was one to drop.
     */
    boolean release(String keyHash, Instant until) {
        return jdbc.sql(
                                "DELETE FROM idempotency_record WHERE key_hash = :key AND status IS NULL AND expires_at = :until")
                        .param("key", keyHash)
                        .param("until", Timestamp.from(until))
                        .update()
                > 0;
    }

    /** Whether the key has a row at all, a claim or a finished response, expired or not. */
    boolean holds(String keyHash) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM idempotency_record WHERE key_hash = :key)")
                .param("key", keyHash)
                .query(Boolean.class)
                .single();
    }

    Optional<IdempotencyFilter.StoredResponse> find(String keyHash) {
        return jdbc.sql("""
                        SELECT body_hash, status, content_type, location, body, expires_at FROM idempotency_record
                        WHERE key_hash = :key AND expires_at >= now()""")
                .param("key", keyHash)
                .query((rs, n) -> new IdempotencyFilter.StoredResponse(
                        rs.getString("body_hash"),
                        rs.getObject("status") == null,
                        rs.getInt("status"),
                        rs.getString("content_type"),
                        rs.getString("location"),
                        rs.getBytes("body"),
                        rs.getTimestamp("expires_at").toInstant()))
                .optional();
    }

    /**
     * Forgets the responses kept for an account's requests, here and in Redis: an erasure's, since they may repeat
     * the account's personal data. So are the responses to anyone else that name the account (an ADMIN's correction
     * of it, a merchant's answer about its order), which repeat its values as much. A retry of one of those requests
     * then runs again. Redis is first told to take no more copies for the account's own requests (see {@link #copy});
     * Redis being down leaves its copies to expire.
     */
    public void forgetResponsesTo(String accountId) {
        try {
            redis.opsForValue().set(erasureMark(accountId), "1", IdempotencyFilter.KEEP);
        } catch (RuntimeException unavailable) {
            log.warn(
                    "Could not mark account {} as erased in Redis; a response copied there later expires within {}: {}",
                    accountId,
                    IdempotencyFilter.KEEP,
                    unavailable.toString());
        }
        List<String> keys =
                jdbc.sql("""
                        DELETE FROM idempotency_record
                        WHERE account_id = :account OR position(convert_to(:account, 'UTF8') IN body) > 0
                        RETURNING key_hash""").param("account", accountId).query(String.class).list();
        if (!keys.isEmpty()) {
            try {
                redis.delete(keys.stream().map(IdempotencyRecords::cacheKey).toList());
            } catch (RuntimeException unavailable) {
                log.warn(
                        "Could not forget {} cached responses to account {} in Redis; they expire within {}: {}",
                        keys.size(),
                        accountId,
                        IdempotencyFilter.KEEP,
                        unavailable.toString());
            }
        }
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void forgetExpired() {
        try {
            jdbc.sql("DELETE FROM idempotency_record WHERE expires_at < now()").update();
        } catch (DataAccessException unavailable) {
            log.warn("Could not forget expired idempotency records: {}", unavailable.toString());
        }
    }
}
