package io.hindsight.platform;

import static org.hamcrest.Matchers.equalTo;

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

/**
 * Aggregates are cached per node; a change made on another node must never be hidden by the cache: a
 * command that repeats the old value has to see the new one and record a change.
 */
class StaleAggregateCacheIT extends IntegrationTest {

    @Autowired
    Environment environment;

    @AfterEach
    void backToTheSharedNode() {
        RestAssured.port = port;
    }

    @Test
    void aChangeOnAnotherNodeIsSeenByTheNextCommandHere() {
        Member member = api.signUp("Cached");
        member.request().body(Map.of("name", "First")).patch("/api/me").then().statusCode(200);
        try (StandaloneApp otherNode = SecondNode.start(environment, "hindsight.roles=command")) {
            RestAssured.port = otherNode.port();
            member.request()
                    .body(Map.of("name", "Second"))
                    .patch("/api/me")
                    .then()
                    .statusCode(200)
                    .body("name", equalTo("Second"));
        }
        RestAssured.port = port;
        member.request()
                .body(Map.of("name", "First"))
                .patch("/api/me")
                .then()
                .statusCode(200)
                .body("name", equalTo("First"));
        member.request().get("/api/me").then().statusCode(200).body("name", equalTo("First"));
    }
}
