package io.hindsight.privacy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.hindsight.account.api.AccountId;
import io.hindsight.account.api.AccountSignedUp;
import io.hindsight.account.api.ProfileChanged;
import io.hindsight.account.api.ProfileFields;
import io.hindsight.account.api.Role;
import io.hindsight.account.api.SignUpMethod;
import io.hindsight.common.MetadataKeys;
import io.hindsight.support.Api;
import io.hindsight.support.Api.Member;
import io.hindsight.support.HindsightProcess;
import io.hindsight.support.Projections;
import io.hindsight.support.StandaloneApp;
import io.hindsight.support.StoredCopies;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A node stopped (SIGTERM) while it cleaned up after an erasure marked the clean-up FAILED: the replay it waited on
 * was abandoned for the stop and read as a failure, and a FAILED clean-up waits for an operator to replay the
 * projections by hand. Now the clean-up lets go before its replay is abandoned and stays RUNNING, and the node,
 * started again, takes it up as it takes up one whose node died: the receipt ends COMPLETED, with no operator.
 */
class ErasureCutOffByStopIT {

    private static final String ACCOUNTS = "accounts";
    /** Enough accounts (a sign-up and two changes each) that the clean-up's rebuild of accounts runs for seconds. */
    private static final int OTHER_ACCOUNTS = 20_000;

    @TempDir
    Path dataDirectory;

    @AfterEach
    void resetPort() {
        RestAssured.reset();
    }

    @Test
    void aCleanUpCutOffByAStopIsFinishedByTheNodeStartedAgain() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String email = "stopped-erasure-" + tag + "@hindsight.test";
        String name = "Stopped Erasure " + tag;
        String nickname = "stoppednick" + tag;
        String accountId = seed(email, name, nickname);

        Path output = HindsightProcess.outputBeside(dataDirectory);
        Process node = HindsightProcess.launchNode(output, dataDirectory);
        String erasureId;
        try {
            erasureId = stopWhileCleaningUp(node, output, accountId);
        } finally {
            node.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }

        try (StandaloneApp restarted = StandaloneApp.start(dataDirectory)) {
            RestAssured.port = restarted.port();
            Member admin = new Api().admin();
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(500))
                    .failFast(
                            "the clean-up is FAILED, which no node takes up",
                            () -> cleanup(admin, erasureId).getString("cleanup").equals("FAILED"))
                    .until(() -> cleanup(admin, erasureId).getString("cleanup"), equalTo("COMPLETED"));
            assertThat(cleanup(admin, erasureId).getString("cleanupDetail")).contains(ACCOUNTS);

            admin.request()
                    .get("/api/admin/users/" + accountId)
                    .then()
                    .statusCode(200)
                    .body("email", nullValue())
                    .body("name", nullValue())
                    .body("nickname", nullValue());
            JdbcClient jdbc = restarted.bean(JdbcClient.class);
            StringRedisTemplate redis = restarted.bean(StringRedisTemplate.class);
            for (String value : List.of(email, name, nickname)) {
                assertThat(StoredCopies.tablesHolding(jdbc, value))
                        .as("tables holding %s", value)
                        .isEmpty();
                assertThat(StoredCopies.redisKeysHolding(redis, value))
                        .as("Redis keys holding %s", value)
                        .isEmpty();
            }
            Projections.awaitAllCaughtUp(admin);
            assertThat(Projections.all(admin))
                    .allSatisfy(projection -> assertThat(((Number) projection.get("deadLetters")).longValue())
                            .as("%s parked", projection.get("name"))
                            .isZero());
        }

        String log = Files.readString(output);
        assertThat(log).contains("Clean-up of erasure " + erasureId + " let go: this node is stopping");
        assertThat(log.lines().filter(line -> line.contains(" ERROR ")))
                .as("an orderly stop logs no error")
                .isEmpty();
    }

    /** The member to erase, signed up through the API, and other accounts' events written straight to the store. */
    private String seed(String email, String name, String nickname) {
        try (StandaloneApp app = StandaloneApp.start(dataDirectory)) {
            RestAssured.port = app.port();
            Api api = new Api();
            Member member = api.signUp(email, "password-stopped", name, nickname);
            appendOtherAccounts(app);
            Projections.awaitAllCaughtUp(api.admin(), Duration.ofMinutes(3));
            return member.accountId();
        } finally {
            RestAssured.reset();
        }
    }

    /** Through the API they would take minutes; each value is sealed under its account's key, as the API's are. */
    private static void appendOtherAccounts(StandaloneApp app) {
        EventStorageEngine storage = app.bean(EventStorageEngine.class);
        TransactionManager transactions = app.bean(TransactionManager.class);
        Instant at = Instant.parse("2025-01-01T00:00:00Z");
        List<EventMessage<?>> batch = new ArrayList<>();
        for (int n = 0; n < OTHER_ACCOUNTS; n++) {
            AccountId id = AccountId.of(UUID.randomUUID().toString());
            List<Object> events = List.of(
                    new AccountSignedUp(
                            id,
                            "other-" + n + "@hindsight.test",
                            new ProfileFields("Other Member " + n, null, null),
                            Set.of(Role.MEMBER),
                            SignUpMethod.PASSWORD,
                            null),
                    new ProfileChanged(id, new ProfileFields("Renamed Member " + n, null, null), at.plusMillis(2)),
                    new ProfileChanged(id, new ProfileFields(null, "othernick" + n, null), at.plusMillis(3)));
            for (int sequence = 0; sequence < events.size(); sequence++) {
                at = at.plusMillis(1);
                batch.add(new GenericDomainEventMessage<>(
                        "Account",
                        id.value(),
                        sequence,
                        events.get(sequence),
                        Map.of(MetadataKeys.ACTOR_ID, id.value()),
                        UUID.randomUUID().toString(),
                        at));
            }
            if (batch.size() >= 1500 || n == OTHER_ACCOUNTS - 1) {
                List<EventMessage<?>> appended = List.copyOf(batch);
                transactions.executeInTransaction(() -> storage.appendEvents(appended));
                batch.clear();
            }
        }
    }

    /** Erases the member's data, waits until the clean-up's rebuild of accounts is under way, then stops the node. */
    private static String stopWhileCleaningUp(Process node, Path output, String accountId) throws Exception {
        int port = HindsightProcess.awaitPort(output);
        String admin = HindsightProcess.adminToken(port);
        String erasureId = as(port, admin)
                .post("/api/admin/users/" + accountId + "/erasure")
                .then()
                .statusCode(200)
                .body("cleanup", equalTo("RUNNING"))
                .extract()
                .path("erasureId");
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(20))
                .until(
                        () -> replay(port, admin),
                        status -> status.getString("state").equals("REBUILDING") && status.getLong("processed") > 0
                                || List.of("VERIFYING", "COMPLETED", "FAILED").contains(status.getString("state")));
        JsonPath caught = replay(port, admin);
        assertThat(caught.getString("state"))
                .as(
                        "the clean-up's replay of %s is caught rebuilding (%s events of it folded)",
                        ACCOUNTS, caught.getLong("processed"))
                .isEqualTo("REBUILDING");
        node.destroy(); // SIGTERM
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).as("the node stops").isTrue();
        return erasureId;
    }

    private static JsonPath replay(int port, String token) {
        return as(port, token)
                .get("/api/admin/projections/" + ACCOUNTS + "/replay")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static JsonPath cleanup(Member admin, String erasureId) {
        return admin.request()
                .get("/api/admin/erasures/" + erasureId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static RequestSpecification as(int port, String token) {
        return given().port(port).contentType(ContentType.JSON).header("Authorization", "Bearer " + token);
    }
}
