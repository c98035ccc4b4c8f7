package io.hindsight.platform.embedded;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Whether the embedded PostgreSQL and Redis this node started run. It is part of liveness: the node starts a server
 * whose process ended again, and one it cannot start again leaves the node useless until it is restarted, whereas a
 * database of the deployment's own that is away is a readiness matter. Always UP when the node started none.
 */
@Component("embeddedServers")
class EmbeddedServersHealthIndicator extends AbstractHealthIndicator {

    private final Path dataDirectory;

    EmbeddedServersHealthIndicator(@Value("${hindsight.data-dir:./data}") String dataDirectory) {
        this.dataDirectory = Path.of(dataDirectory);
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        Map<String, Boolean> alive = EmbeddedServers.running(dataDirectory)
                .map(EmbeddedServers::alive)
                .orElse(Map.of());
        health.withDetails(Map.copyOf(alive));
        if (alive.containsValue(false)) {
            health.down();
        } else {
            health.up();
        }
    }
}
