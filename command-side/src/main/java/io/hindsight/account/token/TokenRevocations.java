package io.hindsight.account.token;

import io.hindsight.account.CredentialStore;
import io.hindsight.account.api.AccountId;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Decides whether a token still counts. Two ways to void tokens: a whole refresh-token family (log-out,
 * re-use of a spent refresh token) and every token of an account issued before an instant (password,
 * role change, resignation). The instant lives in PostgreSQL and is cached in Redis; any Redis failure
 * propagates, so callers fail closed.
 */
@Component
public class TokenRevocations {

    private static final RedisScript<Long> RAISE_TO = RedisScript.of("""
            local current = tonumber(redis.call('GET', KEYS[1]) or '0')
            local candidate = tonumber(ARGV[1])
            if candidate > current then
              redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
              return candidate
            end
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return current""", Long.class);

    /** Tokens of an account the credentials table does not know are never valid. */
    private static final long UNKNOWN_ACCOUNT =
            Instant.parse("9999-12-31T23:59:59Z").toEpochMilli();

    private final StringRedisTemplate redis;
    private final CredentialStore credentials;
    private final Duration remembered;

    public TokenRevocations(StringRedisTemplate redis, CredentialStore credentials, JwtProperties properties) {
        this.redis = redis;
        this.credentials = credentials;
        this.remembered = properties.refreshTokenTtl().plus(properties.accessTokenTtl());
    }

    /** Voids every token the account holds now; runs inside the command's transaction. */
    public void voidAllTokens(AccountId accountId) {
        Instant now = Instant.now();
        credentials.voidTokensIssuedBefore(accountId, now);
        raiseValidAfter(accountId.value(), now.toEpochMilli());
    }

    public void revokeFamily(String familyId) {
        redis.opsForValue().set(familyKey(familyId), "1", remembered);
    }

    public boolean isRevoked(AccountId accountId, String familyId, Instant issuedAt) {
        List<String> values =
                redis.opsForValue().multiGet(Arrays.asList(validAfterKey(accountId.value()), familyKey(familyId)));
        if (values == null) {
            throw new IllegalStateException("Redis returned no answer for a revocation check");
        }
        if (values.get(1) != null) {
            return true;
        }
        long validAfter = values.get(0) != null ? Long.parseLong(values.get(0)) : loadValidAfter(accountId.value());
        return issuedAt.toEpochMilli() < validAfter;
    }

    private long loadValidAfter(String accountId) {
        long fromDatabase = credentials
                .tokensValidAfter(accountId)
                .map(Instant::toEpochMilli)
                .orElse(UNKNOWN_ACCOUNT);
        return raiseValidAfter(accountId, fromDatabase);
    }

    private long raiseValidAfter(String accountId, long epochMillis) {
        Long value = redis.execute(
                RAISE_TO,
                List.of(validAfterKey(accountId)),
                Long.toString(epochMillis),
                Long.toString(remembered.toMillis()));
        return value == null ? epochMillis : value;
    }

    private static String validAfterKey(String accountId) {
        return "hs:auth:valid-after:" + accountId;
    }

    private static String familyKey(String familyId) {
        return "hs:auth:family-revoked:" + familyId;
    }
}
