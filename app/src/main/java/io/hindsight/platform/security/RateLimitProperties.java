package io.hindsight.platform.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Requests per client address to the credential endpoints (log-in, sign-up, refresh, social log-in). */
@ConfigurationProperties(prefix = "hindsight.rate-limit.auth")
public record RateLimitProperties(Long capacity, Duration period) {

    public RateLimitProperties {
        capacity = capacity == null ? 30L : capacity;
        period = period == null ? Duration.ofMinutes(1) : period;
    }
}
