package io.hindsight.funding;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where a campaign's days are counted: {@code endsOn} ends at midnight there, and D-day counts its days. */
@ConfigurationProperties(prefix = "hindsight.funding")
public record FundingProperties(ZoneId zone) {

    public FundingProperties {
        zone = zone == null ? ZoneId.of("Asia/Seoul") : zone;
    }
}
