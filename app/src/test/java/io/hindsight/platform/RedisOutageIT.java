package io.hindsight.platform;

import static io.hindsight.support.Api.uniqueEmail;
import static io.hindsight.support.IntegrationTest.client;
import static org.hamcrest.Matchers.equalTo;

import io.hindsight.support.StandaloneApp;
import io.restassured.RestAssured;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedisOutageIT {

    @AfterEach
    void resetPort() {
        RestAssured.reset();
    }

    @Test
    void theRevocationCheckFailsClosedWhenRedisIsDown() throws Exception {
        Path data = Files.createTempDirectory("hindsight-redis-down");
        try (StandaloneApp app = StandaloneApp.start(data)) {
            RestAssured.port = app.port();
            String token = client().body(Map.of("email", uniqueEmail("outage"), "password", "outage-pass", "name", "O"))
                    .post("/api/auth/signup")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("accessToken");
            client().header("Authorization", "Bearer " + token)
                    .get("/api/me")
                    .then()
                    .statusCode(200);

            long pid = Long.parseLong(
                    Files.readString(data.resolve("redis/redis.pid")).trim());
            ProcessHandle redis = ProcessHandle.of(pid).orElseThrow();
            redis.destroyForcibly();
            redis.onExit().get(10, TimeUnit.SECONDS);

            client().header("Authorization", "Bearer " + token)
                    .get("/api/me")
                    .then()
                    .statusCode(503)
                    .body("code", equalTo("DEPENDENCY_UNAVAILABLE"));
            client().body(Map.of("email", uniqueEmail("outage"), "password", "whatever-pass"))
                    .post("/api/auth/login")
                    .then()
                    .statusCode(503);
        }
    }
}
