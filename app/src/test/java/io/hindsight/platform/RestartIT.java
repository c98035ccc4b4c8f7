package io.hindsight.platform;

import static io.hindsight.support.Api.uniqueEmail;
import static io.hindsight.support.IntegrationTest.client;
import static org.hamcrest.Matchers.equalTo;

import io.hindsight.support.StandaloneApp;
import io.restassured.RestAssured;
import java.nio.file.Files;
import java.nio.file.Path;
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
    }
}
