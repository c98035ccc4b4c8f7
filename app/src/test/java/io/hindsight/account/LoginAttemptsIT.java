package io.hindsight.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.hindsight.account.token.LoginAttempts;
import io.hindsight.support.IntegrationTest;
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
}
