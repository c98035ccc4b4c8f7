package io.hindsight.account.token;

import io.hindsight.account.CredentialStore;
import io.hindsight.account.guard.LookupHashes;
import io.hindsight.common.CommonError;
import io.hindsight.common.TryAgainLater;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Guesses against one email are limited wherever they come from: after too many failed password checks (log-ins, and
 * the current password of a password change) the email is locked for the rest of the window. Each attempt is counted
 * before its password is checked and uncounted by its success, so parallel guesses cannot all pass a check made before
 * any of them failed. A success uncounts only itself: it had wiped the count, so each log-in of the owner gave a
 * guesser the whole allowance again. Attempts are keyed by the email's keyed hash, as the credentials keep it:
 * Redis never holds the email.
 */
@Component
public class LoginAttempts {

    /**
     * The count and its window in one step. Set apart, a node dying between them, or an INCR that Redis applied but
     * answered too late (a timeout), left a count that never expired: never the first of a window again, every later
     * failure added to it, and the email was locked for good after its tenth. A count found without an expiry (left
     * so by a release before this one) is given its window now.
     */
    private static final RedisScript<Long> COUNT = RedisScript.of("""
            local attempt = redis.call('INCR', KEYS[1])
            if attempt == 1 or redis.call('PTTL', KEYS[1]) < 0 then
              redis.call('PEXPIRE', KEYS[1], ARGV[1])
            end
            return attempt""", Long.class);

    private static final RedisScript<Long> UNCOUNT = RedisScript.of(
            "if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('DECR', KEYS[1]) end return 0", Long.class);

    private final StringRedisTemplate redis;
    private final LookupHashes hashes;
    private final int maxFailures;
    private final Duration window;

    public LoginAttempts(
            StringRedisTemplate redis,
            LookupHashes hashes,
            @Value("${hindsight.login.max-failures:10}") int maxFailures,
            @Value("${hindsight.login.failure-window:PT15M}") Duration window) {
        this.redis = redis;
        this.hashes = hashes;
        this.maxFailures = maxFailures;
        this.window = window;
    }

    /**
     * Counts an attempt as failed until it succeeds, and refuses it when the email is locked; tells which attempt
     * of the window it is.
     */
    public long begin(String emailHash) {
        String key = key(emailHash);
        Long attempt = redis.execute(COUNT, List.of(key), Long.toString(window.toMillis()));
        if (attempt == null) {
            throw new IllegalStateException("Redis returned no count for a log-in attempt");
        }
        if (attempt > maxFailures) {
            Long secondsLeft = redis.getExpire(key, TimeUnit.SECONDS);
            Duration left = secondsLeft == null || secondsLeft <= 0 ? window : Duration.ofSeconds(secondsLeft);
            throw new TryAgainLater(
                    CommonError.RATE_LIMITED,
                    left,
                    "Too many failed log-ins for this email; try again in %d minutes",
                    Math.max(1, left.toMinutes()));
        }
        return attempt;
    }

    /** Whether the failed attempt was the one that locked the email. */
    public boolean lockedBy(long attempt) {
        return attempt == maxFailures;
    }

    public int maxFailures() {
        return maxFailures;
    }

    public Duration window() {
        return window;
    }

    /** The key of an email's attempts: its keyed hash. */
    public String subjectOf(String email) {
        return hashes.of(CredentialStore.normalizeEmail(email));
    }

    /** Uncounts an attempt whose password matched. */
    public void succeeded(String emailHash) {
        uncount(emailHash);
    }

    /**
     * Takes back an attempt that neither matched nor failed the password: it could not be decided (a dependency was
     * down). Ten log-ins during a database outage had locked their email for the whole window. Best effort: with
     * Redis itself down there is nothing to take back.
     */
    public void undecided(String emailHash) {
        uncount(emailHash);
    }

    /**
     * Only a count that is still there: one whose window ended meanwhile would come back as -1 without an expiry, and
     * every later attempt, never the first of a window again, would count on it for good.
     */
    private void uncount(String emailHash) {
        try {
            redis.execute(UNCOUNT, List.of(key(emailHash)));
        } catch (RuntimeException unavailable) {
            // the count expires with its window
        }
    }

    private static String key(String emailHash) {
        return "hs:auth:login-failures:" + emailHash;
    }
}
