package io.hindsight.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.hindsight.platform.axon.AggregateSnapshotConfiguration;
import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.SecondNode;
import io.hindsight.support.StandaloneApp;
import io.restassured.RestAssured;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Aggregates are cached per node; a change made on another node must never be hidden by the cache: a
 * command that repeats the old value has to see the new one and record a change.
 */
class StaleAggregateCacheIT extends IntegrationTest {

    @Autowired
    Environment environment;

    @Autowired
    JdbcClient jdbc;

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

    /**
     * Commands to one account alternating between two command nodes find the other node's copy stale every time, so
     * each loads the aggregate from the store: from a snapshot either node took and the events after it. Every
     * answer is the state all the account's events make.
     */
    @Test
    void commandsAlternatingBetweenNodesAreDecidedOnTheLatestStateThroughSnapshots() {
        Member member = api.signUp("Alternating");
        int changes = 2 * AggregateSnapshotConfiguration.EVENTS_BETWEEN_SNAPSHOTS + 30;
        try (StandaloneApp otherNode = SecondNode.start(environment, "hindsight.roles=command")) {
            for (int change = 1; change <= changes; change++) {
                RestAssured.port = change % 2 == 0 ? port : otherNode.port();
                Map<String, Object> body = change == changes / 2
                        ? Map.of(
                                "name",
                                "Alternating " + change,
                                "nickname",
                                "alt" + member.accountId().substring(0, 8))
                        : Map.of("name", "Alternating " + change);
                member.request()
                        .body(body)
                        .patch("/api/me")
                        .then()
                        .statusCode(200)
                        .body("name", equalTo("Alternating " + change))
                        .body(
                                "nickname",
                                equalTo(
                                        change < changes / 2
                                                ? null
                                                : "alt" + member.accountId().substring(0, 8)));
            }
        }
        RestAssured.port = port;
        assertThat(jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = :id")
                        .param("id", member.accountId())
                        .query(Long.class)
                        .single())
                .isEqualTo(changes + 1L);
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> jdbc.sql(
                                        "SELECT sequence_number FROM snapshot_event_entry WHERE aggregate_identifier = :id")
                                .param("id", member.accountId())
                                .query(Long.class)
                                .list(),
                        snapshots -> snapshots.size() == 1
                                && snapshots.get(0) > AggregateSnapshotConfiguration.EVENTS_BETWEEN_SNAPSHOTS);
    }
}
