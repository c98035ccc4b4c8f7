package io.hindsight.platform.axon;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How often each command node looks for due deadlines, how many it runs at once, and the longest wait before a failed
 * one is tried again.
 */
@ConfigurationProperties(prefix = "hindsight.deadlines")
public record DeadlineProperties(Duration pollingInterval, Integer threads, Duration maxRetryDelay) {

    public DeadlineProperties {
        maxRetryDelay = maxRetryDelay == null ? Duration.ofMinutes(5) : maxRetryDelay;
        pollingInterval = pollingInterval == null ? Duration.ofSeconds(2) : pollingInterval;
        threads = threads == null ? 2 : threads;
    }
}
