package io.hindsight.account.token;

import io.hindsight.account.CredentialStore;
import io.hindsight.account.api.AccountId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Decides whether a token still counts. Two ways to void tokens: a whole refresh-token family (log-out,
 * re-use of a spent refresh token) and every token of an account issued before an instant (password,
 * role change, resignation). Both live in PostgreSQL and are cached in Redis, which answers the check on
 * every request; what Redis does not hold (it was flushed or restarted empty) is read from PostgreSQL again.
 * Any failure propagates, so callers fail closed.
 */
@Component
public class TokenRevocations {

    /**
     * Raises the stored cut-off, never lowers it. A missing key takes the candidate even when it is the epoch: a
     * never-revoked account's cut-off must be stored too, or every request would read it from PostgreSQL again.
     */
    private static final RedisScript<Long> RAISE_TO = RedisScript.of("""
            local stored = redis.call('GET', KEYS[1])
            local candidate = tonumber(ARGV[1])
            if not stored or candidate > tonumber(stored) then
              redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
              return candidate
            end
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return tonumber(stored)""", Long.class);

    /** Tokens of an account the credentials table does not know are never valid. */
    private static final long UNKNOWN_ACCOUNT =
            Instant.parse("9999-12-31T23:59:59Z").toEpochMilli();

    /** Where a family's revocation (or this release's brief note of a valid one) is kept in Redis. */
    static final String FAMILY_KEY_PREFIX = "hs:auth:family-revoked:";

    static final String FAMILY_REVOKED = "1";
    private static final String FAMILY_VALID = "0";

    private final StringRedisTemplate redis;
    private final RevocationReads reads;
    private final CredentialStore credentials;
    private final RevokedFamilies revokedFamilies;
    private final Duration remembered;
    private final Duration validFamilyRemembered;

    public TokenRevocations(
            StringRedisTemplate redis,
            RevocationReads reads,
            CredentialStore credentials,
            RevokedFamilies revokedFamilies,
            JwtProperties properties) {
        this.redis = redis;
        this.reads = reads;
        this.credentials = credentials;
        this.revokedFamilies = revokedFamilies;
        this.remembered = properties.refreshTokenTtl().plus(properties.accessTokenTtl());
        this.validFamilyRemembered = properties.accessTokenTtl();
    }

    /**
     * Voids every token the account holds now; runs inside the command's transaction, after the command has updated
     * the account's credentials row. Tokens are issued under a share lock of that row ({@code
     * CredentialStore.lockedById}) and dated by the database's clock, never before the row's cut-off; the cut-off is
     * the database's next millisecond, taken once the row is ours: every token issued with the old roles or password
     * is below it and every token issued after the commit is not, whatever the clocks of the nodes involved.
     */
    public void voidAllTokens(AccountId accountId) {
        Instant cutOff = credentials.voidTokensIssuedUntilNow(accountId);
        raiseValidAfter(accountId.value(), cutOff.toEpochMilli());
    }

    /**
     * Revokes a family in PostgreSQL first, so that no failure can leave it revoked only in Redis; tells
     * whether it was not revoked before. Redis refusing to note the revocation (at its memory limit) must not
     * leave its note that the family is valid: that key is deleted instead, which needs no memory, and the check
     * then reads the revocation from PostgreSQL. Only a Redis that refuses that too fails the revocation.
     */
    public boolean revokeFamily(AccountId accountId, String familyId) {
        boolean revokedNow =
                revokedFamilies.add(accountId, familyId, Instant.now().plus(remembered));
        try {
            redis.opsForValue().set(familyKey(familyId), FAMILY_REVOKED, remembered);
        } catch (RedisSystemException refused) {
            // an answer, not a timeout: a Redis that did not answer the SET would not answer the DEL either
            try {
                redis.delete(familyKey(familyId));
            } catch (RuntimeException alsoRefused) {
                refused.addSuppressed(alsoRefused);
                throw refused;
            }
        }
        return revokedNow;
    }

    public boolean isRevoked(AccountId accountId, String familyId, Instant issuedAt) {
        List<String> values = reads.values(List.of(validAfterKey(accountId.value()), familyKey(familyId)));
        if (values == null) {
            throw new IllegalStateException("Redis returned no answer for a revocation check");
        }
        if (familyRevoked(values.get(1), familyId)) {
            return true;
        }
        long validAfter = values.get(0) != null ? Long.parseLong(values.get(0)) : loadValidAfter(accountId.value());
        return issuedAt.toEpochMilli() < validAfter;
    }

    /**
     * Whether a revoked token was voided by its account's resignation alone: still valid the moment before, its
     * family never logged out. Such a token may still erase the account's personal data; one a password change, a
     * role change or a log-out voided first may not.
     */
    public boolean revokedOnlyByResignation(AccountId accountId, String familyId, Instant issuedAt) {
        if (familyRevoked(redis.opsForValue().get(familyKey(familyId)), familyId)) {
            return false;
        }
        return credentials
                .erasableTokensAfter(accountId.value())
                .map(cutOff -> issuedAt.toEpochMilli() >= cutOff.toEpochMilli())
                .orElse(false);
    }

    /** What Redis holds for the family, or - when it holds nothing - what PostgreSQL does. */
    private boolean familyRevoked(String cached, String familyId) {
        return FAMILY_REVOKED.equals(cached != null ? cached : loadFamily(familyId));
    }

    /**
     * A family Redis knows nothing of is looked up in PostgreSQL. "Valid" is remembered only briefly and only
     * if nothing was written meanwhile, so it never overwrites a revocation that raced this lookup.
     */
    private String loadFamily(String familyId) {
        if (revokedFamilies.contains(familyId)) {
            try {
                redis.opsForValue().set(familyKey(familyId), FAMILY_REVOKED, remembered);
            } catch (DataAccessException refused) {
                // the answer is known, and refusing is safe: only caching it failed
            }
            return FAMILY_REVOKED;
        }
        redis.opsForValue().setIfAbsent(familyKey(familyId), FAMILY_VALID, validFamilyRemembered);
        return FAMILY_VALID;
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
        return FAMILY_KEY_PREFIX + familyId;
    }
}
