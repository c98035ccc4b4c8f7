package io.hindsight.platform.axon;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Tuning of the projection processors; the defaults are the measured sweet spot on 2 cores. */
@ConfigurationProperties(prefix = "hindsight.projections")
public record ProjectionProperties(
        Integer batchSize,
        Integer segments,
        Duration tokenClaimInterval,
        Integer eventReadBatchSize,
        Duration fetchWindow,
        Boolean synchronousCommit) {

    public ProjectionProperties {
        batchSize = batchSize == null ? 100 : batchSize;
        segments = segments == null ? 2 : segments;
        tokenClaimInterval = tokenClaimInterval == null ? Duration.ofSeconds(2) : tokenClaimInterval;
        eventReadBatchSize = eventReadBatchSize == null ? 500 : eventReadBatchSize;
        fetchWindow = fetchWindow == null ? Duration.ofMillis(35) : fetchWindow;
        synchronousCommit = synchronousCommit != null && synchronousCommit;
    }
}
