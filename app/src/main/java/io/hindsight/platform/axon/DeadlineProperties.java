package io.hindsight.platform.axon;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** How often each command node looks for due deadlines, and how many it runs at once. */
@ConfigurationProperties(prefix = "hindsight.deadlines")
public record DeadlineProperties(Duration pollingInterval, Integer threads) {

    public DeadlineProperties {
        pollingInterval = pollingInterval == null ? Duration.ofSeconds(2) : pollingInterval;
        threads = threads == null ? 2 : threads;
    }
}
