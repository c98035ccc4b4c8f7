package io.hindsight.platform;

import static io.hindsight.support.Api.uniqueEmail;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.SecondNode;
import io.hindsight.support.StandaloneApp;
import io.restassured.RestAssured;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/** A query-only and a command-only node on the shared database: each serves only its half. */
class NodeRolesIT extends IntegrationTest {

    @Autowired
    Environment environment;

    @AfterEach
    void backToTheSharedNode() {
        RestAssured.port = port;
    }

    @Test
    void aQueryNodeServesReadsButNoWrites() {
        Member member = api.signUp("Roles Reader");
        Member admin = api.admin();
        try (StandaloneApp queryNode = SecondNode.start(environment, "hindsight.roles=query")) {
            RestAssured.port = queryNode.port();
            member.request().get("/api/me").then().statusCode(200).body("accountId", equalTo(member.accountId()));
            client().body(Map.of("email", uniqueEmail("roles"), "password", "password-1", "name", "No"))
                    .post("/api/auth/signup")
                    .then()
                    .statusCode(404);
            admin.request()
                    .get("/actuator/health")
                    .then()
                    .statusCode(200)
                    .body("components.eventProcessors.details", hasKey("accounts"));
        }
    }

    @Test
    void aCommandNodeTakesWritesAndRunsNoProjections() {
        Member admin = api.admin();
        try (StandaloneApp commandNode = SecondNode.start(environment, "hindsight.roles=command")) {
            RestAssured.port = commandNode.port();
            String token = client().body(
                            Map.of("email", uniqueEmail("roles"), "password", "password-1", "name", "Writer"))
                    .post("/api/auth/signup")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("accessToken");
            client().header("Authorization", "Bearer " + token)
                    .get("/api/me")
                    .then()
                    .statusCode(405);
            admin.request()
                    .get("/actuator/health")
                    .then()
                    .statusCode(200)
                    .body("components.eventProcessors.details", not(hasKey("accounts")));
        }
    }
}
