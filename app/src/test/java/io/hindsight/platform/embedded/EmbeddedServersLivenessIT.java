package io.hindsight.platform.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hindsight.support.StandaloneApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An embedded server that died comes back only with its node: the node answered 503 for good while its liveness
 * said UP, so no orchestrator ever restarted it. A frozen one is another matter (readiness, DependencyOutageIT).
 */
class EmbeddedServersLivenessIT {

    @TempDir
    Path dataDirectory;

    @Test
    void aNodeWhoseEmbeddedRedisDiedIsNoLongerLive() throws Exception {
        try (StandaloneApp app = StandaloneApp.start(dataDirectory)) {
            assertThat(liveness(app.port()).statusCode()).isEqualTo(200);
            assertThat(liveness(app.port()).body()).isEqualTo("{\"status\":\"UP\"}");
            assertThat(servers(app)).containsEntry("redis", true).containsEntry("postgres", true);

            long redis = Long.parseLong(Files.readAllLines(dataDirectory.resolve("redis/redis.pid"))
                    .get(0)
                    .trim());
            ProcessHandle.of(redis).orElseThrow().destroyForcibly();

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> liveness(app.port()).statusCode() == 503);
            // its details are an ADMIN's, and an ADMIN's token cannot be checked without Redis: the node says them
            assertThat(liveness(app.port()).body()).isEqualTo("{\"status\":\"DOWN\"}");
            assertThat(servers(app)).containsEntry("redis", false).containsEntry("postgres", true);
        }
    }

    private static Map<String, Object> servers(StandaloneApp app) {
        return app.bean(EmbeddedServersHealthIndicator.class).health().getDetails();
    }

    private static HttpResponse<String> liveness(int port) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/liveness"))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
