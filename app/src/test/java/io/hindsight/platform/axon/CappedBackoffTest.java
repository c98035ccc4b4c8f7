package io.hindsight.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CappedBackoffTest {

    private final CappedBackoff<Object> backoff = new CappedBackoff<>(Duration.ofSeconds(1), Duration.ofMinutes(5));

    @Test
    void doublesTheWaitAfterEachFailure() {
        assertThat(backoff.delayAfter(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delayAfter(8)).isEqualTo(Duration.ofSeconds(256));
    }

    /** Uncapped, the eleventh failure waited 34 minutes and a day's outage ended in waits of days. */
    @Test
    void neverWaitsLongerThanTheCap() {
        assertThat(backoff.delayAfter(9)).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.delayAfter(11)).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.delayAfter(2_000)).isEqualTo(Duration.ofMinutes(5));
    }
}
