package io.hindsight.account.token;

import io.hindsight.account.api.AccountId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Opaque refresh tokens kept in Redis under their SHA-256 only. Each use spends the token; a spent
 * token stays known until it would have expired, so presenting it again is recognised as re-use.
 *
 * <p>A use first takes the token for a short lease ({@code SPENDING}, by one attempt) and settles it as spent only once
 * its new pair is about to be issued. Spent at once, a use whose Redis reply was lost (a timeout after Redis had
 * applied it) left its client, told to try again, with a token already spent: the retry was taken for a stolen token
 * presented twice and ended the session. Now a retry finds the token leased, is told to wait the lease out, and then
 * takes it over: the lost attempt issued nothing, and if it is still running it can no longer settle.
 */
@Component
public class RefreshTokens {

    private static final Logger log = LoggerFactory.getLogger(RefreshTokens.class);

    private static final SecureRandom RANDOM = new SecureRandom();

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> SPEND = RedisScript.of("""
            local held = redis.call('HMGET', KEYS[1], 'state', 'account', 'family', 'issuedAt', 'by', 'leasedUntil')
            if not held[1] then return {} end
            if held[1] == 'SPENT' then return {'REUSED', held[2], held[3], held[4], '0'} end
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            if held[1] == 'SPENDING' and held[5] ~= ARGV[1] and tonumber(held[6]) > now then
              return {'IN_PROGRESS', held[2], held[3], held[4], tostring(tonumber(held[6]) - now)}
            end
            redis.call('HSET', KEYS[1], 'state', 'SPENDING', 'by', ARGV[1], 'leasedUntil', tostring(now + ARGV[2]))
            return {'FRESH', held[2], held[3], held[4], '0'}""", List.class);

    /** Spent for good by the attempt that leased it, unless another took the lease over after it ran out. */
    private static final RedisScript<Long> SETTLE = RedisScript.of("""
            local held = redis.call('HMGET', KEYS[1], 'state', 'by')
            if held[1] ~= 'SPENDING' or held[2] ~= ARGV[1] then return 0 end
            redis.call('HSET', KEYS[1], 'state', 'SPENT')
            return 1""", Long.class);

    /** Usable again, when the attempt that leased or spent it issued nothing: an unknown or expired one stays gone. */
    private static final RedisScript<Long> UNSPEND = RedisScript.of("""
            local held = redis.call('HMGET', KEYS[1], 'state', 'by')
            if (held[1] ~= 'SPENDING' and held[1] ~= 'SPENT') or held[2] ~= ARGV[1] then return 0 end
            redis.call('HSET', KEYS[1], 'state', 'ACTIVE')
            redis.call('HDEL', KEYS[1], 'by', 'leasedUntil')
            return 1""", Long.class);

    /** The token and its expiry in one step: set apart, a node dying between them left a token that never expired. */
    private static final RedisScript<Long> ISSUE = RedisScript.of("""
            redis.call('HSET', KEYS[1], 'account', ARGV[1], 'family', ARGV[2], 'issuedAt', ARGV[3], 'state', 'ACTIVE')
            return redis.call('PEXPIRE', KEYS[1], ARGV[4])""", Long.class);

    private final StringRedisTemplate redis;
    private final Duration ttl;
    private final Duration lease;

    public RefreshTokens(StringRedisTemplate redis, JwtProperties properties) {
        this.redis = redis;
        this.ttl = properties.refreshTokenTtl();
        this.lease = properties.refreshLease();
    }

    /** How long a use holds the token before another attempt may take it over. */
    public Duration lease() {
        return lease;
    }

    public String issue(AccountId accountId, String familyId, Instant now) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        redis.execute(
                ISSUE,
                List.of(key(token)),
                accountId.value(),
                familyId,
                Long.toString(now.toEpochMilli()),
                Long.toString(ttl.toMillis()));
        return token;
    }

    /**
     * Leases the token to {@code attempt} for the {@link #lease}; tells whether it was fresh (or its lease ran out, taken
     * over), already spent, leased to another attempt still within its lease, or unknown.
     */
    public Optional<Spent> spend(String token, String attempt) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return Optional.empty();
        }
        List<?> result = redis.execute(SPEND, List.of(key(token)), attempt, Long.toString(lease.toMillis()));
        if (result == null || result.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Spent(
                Use.valueOf(result.get(0).toString()),
                AccountId.of(result.get(1).toString()),
                result.get(2).toString(),
                Instant.ofEpochMilli(Long.parseLong(result.get(3).toString())),
                Duration.ofMillis(Long.parseLong(result.get(4).toString()))));
    }

    /** Spends for good the token {@code attempt} leased; false when its lease ran out and another attempt took it. */
    public boolean settle(String token, String attempt) {
        return Long.valueOf(1).equals(redis.execute(SETTLE, List.of(key(token)), attempt));
    }

    /**
     * Gives back a token {@code attempt} leased or spent, when no tokens replaced it: the refresh failed for an
     * outage, and its client, told to try again, presents it again. Best effort: a Redis that cannot take this
     * leaves the lease to run out.
     */
    public void unspend(String token, String attempt) {
        try {
            redis.execute(UNSPEND, List.of(key(token)), attempt);
        } catch (RuntimeException unavailable) {
            log.warn("A refresh token leased by a failed refresh stays leased: {}", unavailable.toString());
        }
    }

    private static String key(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return "hs:auth:refresh:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What presenting a token found: it was fresh, already spent, or leased to another attempt. */
    public enum Use {
        FRESH,
        REUSED,
        IN_PROGRESS
    }

    /** A presented token's use, with its account, family and issue instant, and the time left of another's lease. */
    public record Spent(Use use, AccountId accountId, String familyId, Instant issuedAt, Duration leaseLeft) {}
}
