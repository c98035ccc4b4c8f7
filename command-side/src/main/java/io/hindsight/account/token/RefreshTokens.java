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
 */
@Component
public class RefreshTokens {

    private static final Logger log = LoggerFactory.getLogger(RefreshTokens.class);

    private static final SecureRandom RANDOM = new SecureRandom();

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> SPEND = RedisScript.of("""
            local state = redis.call('HGET', KEYS[1], 'state')
            if not state then return {} end
            local values = redis.call('HMGET', KEYS[1], 'account', 'family', 'issuedAt')
            if state == 'SPENT' then return {'REUSED', values[1], values[2], values[3]} end
            redis.call('HSET', KEYS[1], 'state', 'SPENT')
            return {'FRESH', values[1], values[2], values[3]}""", List.class);

    /** Makes a token this request spent usable again: only a spent one, so an unknown or expired one stays gone. */
    private static final RedisScript<Long> UNSPEND = RedisScript.of("""
            if redis.call('HGET', KEYS[1], 'state') ~= 'SPENT' then return 0 end
            redis.call('HSET', KEYS[1], 'state', 'ACTIVE')
            return 1""", Long.class);

    /** The token and its expiry in one step: set apart, a node dying between them left a token that never expired. */
    private static final RedisScript<Long> ISSUE = RedisScript.of("""
            redis.call('HSET', KEYS[1], 'account', ARGV[1], 'family', ARGV[2], 'issuedAt', ARGV[3], 'state', 'ACTIVE')
            return redis.call('PEXPIRE', KEYS[1], ARGV[4])""", Long.class);

    private final StringRedisTemplate redis;
    private final Duration ttl;

    public RefreshTokens(StringRedisTemplate redis, JwtProperties properties) {
        this.redis = redis;
        this.ttl = properties.refreshTokenTtl();
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

    /** Spends the token atomically; tells whether it was fresh, already spent, or unknown. */
    public Optional<Spent> spend(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return Optional.empty();
        }
        List<?> result = redis.execute(SPEND, List.of(key(token)));
        if (result == null || result.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Spent(
                "REUSED".equals(result.get(0)),
                AccountId.of(result.get(1).toString()),
                result.get(2).toString(),
                Instant.ofEpochMilli(Long.parseLong(result.get(3).toString()))));
    }

    /**
     * Gives back a token {@link #spend} found fresh, when no tokens replaced it: the refresh failed for an outage, and
     * its client, told to try again, presents it again. Spent for good, that retry was taken for a stolen token
     * presented a second time and ended the session. Best effort: a Redis that cannot take this leaves it spent.
     */
    public void unspend(String token) {
        try {
            redis.execute(UNSPEND, List.of(key(token)));
        } catch (RuntimeException unavailable) {
            log.warn("A refresh token spent by a failed refresh stays spent: {}", unavailable.toString());
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

    public record Spent(boolean reused, AccountId accountId, String familyId, Instant issuedAt) {}
}
