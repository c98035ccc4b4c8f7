package io.hindsight.platform;

import static io.hindsight.support.Api.uniqueEmail;
import static io.hindsight.support.IntegrationTest.client;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import io.hindsight.support.IntegrationTest;
import io.hindsight.support.StandaloneApp;
import io.restassured.RestAssured;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RestartIT {

    @AfterEach
    void resetPort() {
        RestAssured.reset();
    }

    @Test
    void stoppingAndStartingAgainKeepsEveryAccountAndSession() throws Exception {
        Path data = Files.createTempDirectory("hindsight-restart");
        String email = uniqueEmail("durable");
        String accountId;
        String refreshToken;
        try (StandaloneApp app = StandaloneApp.start(data)) {
            RestAssured.port = app.port();
            var signUp = client().body(Map.of("email", email, "password", "durable-pass", "name", "Durable"))
                    .post("/api/auth/signup");
            signUp.then().statusCode(201);
            accountId = signUp.path("accountId");
            refreshToken = signUp.path("refreshToken");
            // an open live stream no longer holds the graceful shutdown for its whole timeout
            String admin = client().body(
                            Map.of("email", IntegrationTest.ADMIN_EMAIL, "password", IntegrationTest.ADMIN_PASSWORD))
                    .post("/api/auth/login")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("accessToken");
            HttpResponse<InputStream> stream = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/events"))
                                    .header("Accept", "text/event-stream")
                                    .header("Authorization", "Bearer " + admin)
                                    .build(),
                            HttpResponse.BodyHandlers.ofInputStream());
            assertThat(stream.statusCode()).isEqualTo(200);
            long stopping = System.nanoTime();
            app.close();
            assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(8));
        }
        try (StandaloneApp app = StandaloneApp.start(data)) {
            RestAssured.port = app.port();
            client().body(Map.of("refreshToken", refreshToken))
                    .post("/api/auth/refresh")
                    .then()
                    .statusCode(200);
            String token = client().body(Map.of("email", email, "password", "durable-pass"))
                    .post("/api/auth/login")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("accessToken");
            client().header("Authorization", "Bearer " + token)
                    .get("/api/me")
                    .then()
                    .statusCode(200)
                    .body("accountId", equalTo(accountId))
                    .body("name", equalTo("Durable"));
        }
        // a node with another lookup secret than the rows were hashed with refuses to start, with or without a
        // bootstrap ADMIN to create; it had started healthy and answered every log-in and sign-up with a 500
        assertThatThrownBy(() -> StandaloneApp.start(
                        data,
                        "hindsight.bootstrap-admin.email=",
                        "hindsight.accounts.lookup-secret=" + "another-secret-".repeat(3)))
                .hasStackTraceContaining("lookup-secret");
    }
}
