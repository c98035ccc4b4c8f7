package io.hindsight.platform.time;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** How often each node reads PostgreSQL's clock, and the slowest round trip whose reading it trusts. */
@ConfigurationProperties(prefix = "hindsight.clock")
public record ClockProperties(Duration readEvery, Duration slowestReading) {

    public ClockProperties {
        readEvery = readEvery == null ? Duration.ofSeconds(10) : readEvery;
        slowestReading = slowestReading == null ? Duration.ofMillis(100) : slowestReading;
    }
}
