package io.hindsight.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.hindsight.account.token.LoginAttempts;
import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

class LoginAttemptsIT extends IntegrationTest {

    @Autowired
    private LoginAttempts attempts;

    @Autowired
    private StringRedisTemplate redis;

    /**
     * A success uncounts its attempt. Had its window ended meanwhile, the count came back as -1 without an expiry:
     * no later attempt was the first of a window again, so the failures of every day counted towards one lock-out.
     */
    @Test
    void aSuccessAfterItsWindowEndedLeavesNoCountBehind() {
        String subject = attempts.subjectOf(UUID.randomUUID() + "@late.test");
        String key = "hs:auth:login-failures:" + subject;
        assertThat(attempts.begin(subject)).isEqualTo(1);
        assertThat(redis.getExpire(key)).isPositive();

        redis.delete(key);
        attempts.succeeded(subject);

        assertThat(redis.hasKey(key)).isFalse();
        assertThat(attempts.begin(subject)).isEqualTo(1);
        assertThat(redis.getExpire(key)).isPositive();
    }

    /**
     * The count and its expiry were two commands: a node that died between them, or an INCR whose answer timed out,
     * left a count without one, and every later failure added to it until the email was locked for good.
     */
    @Test
    void aCountLeftWithoutAnExpiryGetsItsWindow() {
        String subject = attempts.subjectOf(UUID.randomUUID() + "@stuck.test");
        String key = "hs:auth:login-failures:" + subject;
        redis.opsForValue().set(key, "9");

        assertThat(attempts.begin(subject)).isEqualTo(10);

        assertThat(redis.getExpire(key)).isPositive();
    }

    @Test
    void aSuccessUncountsOnlyItself() {
        String subject = attempts.subjectOf(UUID.randomUUID() + "@owner.test");
        attempts.begin(subject);
        attempts.begin(subject);
        attempts.succeeded(subject);
        assertThat(attempts.begin(subject)).isEqualTo(2);
    }

    /**
     * A locked-out password change says when to try again (429, Retry-After). With an Idempotency-Key that refusal was
     * kept as the request's answer: the retry it asked for, after the window, was answered the same 429 for a day,
     * without its Retry-After, and the password could not be changed with that key.
     */
    @Test
    void aKeyedPasswordChangeRefusedForALockOutRunsWhenRetriedAfterIt() {
        Member member = api.signUp("Locked Keyed");
        String key = "hs:auth:login-failures:" + attempts.subjectOf(member.email());
        redis.opsForValue().set(key, Integer.toString(attempts.maxFailures()));
        String idempotencyKey = UUID.randomUUID().toString();
        Map<String, String> change = Map.of("currentPassword", member.password(), "newPassword", "a-new-password-1");
        for (int attempt = 0; attempt < 2; attempt++) {
            member.request()
                    .header("Idempotency-Key", idempotencyKey)
                    .body(change)
                    .put("/api/me/password")
                    .then()
                    .statusCode(429)
                    .body("code", equalTo("RATE_LIMITED"))
                    .header("Retry-After", notNullValue())
                    .header("Idempotent-Replayed", nullValue());
        }

        redis.delete(key);

        member.request()
                .header("Idempotency-Key", idempotencyKey)
                .body(change)
                .put("/api/me/password")
                .then()
                .statusCode(204);
        api.logIn(member.email(), "a-new-password-1");
    }
}
