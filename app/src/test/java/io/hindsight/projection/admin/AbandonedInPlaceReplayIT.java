package io.hindsight.projection.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hindsight.account.api.AccountId;
import io.hindsight.common.MetadataKeys;
import io.hindsight.snack.SnackCalls;
import io.hindsight.snack.api.ReactionType;
import io.hindsight.snack.api.SnackId;
import io.hindsight.snack.api.SnackReacted;
import io.hindsight.snack.api.SnackReactionId;
import io.hindsight.snack.api.SnackReactionWithdrawn;
import io.hindsight.support.Api;
import io.hindsight.support.Api.Member;
import io.hindsight.support.HindsightProcess;
import io.hindsight.support.Projections;
import io.hindsight.support.StandaloneApp;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node stopped (SIGTERM) or killed (kill -9) while it rebuilt the snack reactions in place - their Redis sets
 * emptied and partly refilled. The stopped node's replay had gone on into closed pools, never cleared its mark, and
 * the snack catalogue answered 503 for the mark's hour, over half-emptied sets that would then have been served as
 * the counts. Now the replay is abandoned before the pools close, and the read model it left half-built is rebuilt
 * again from the events by the next query node to look - after a restart, or once a killed node's replay lock has
 * lapsed - with no operator.
 */
class AbandonedInPlaceReplayIT {

    private static final String REACTIONS = "snack-reactions";
    /** Enough events that the rebuild runs for seconds: it is caught under way, however fast the machine. */
    private static final int REACTING_MEMBERS = 24_000;

    private static final int SNACKS = 3;

    /** The counts the events make: snack id to likes and hates. */
    private static final Map<String, long[]> truth = new HashMap<>();

    @TempDir
    static Path seededData;

    @TempDir
    Path dataDirectory;

    @BeforeAll
    static void seedReactions() throws Exception {
        Path directory = seededData.resolve("data");
        try (StandaloneApp app = StandaloneApp.start(directory)) {
            RestAssured.port = app.port();
            Member owner = new Api().signUp("Abandoned Replay Owner");
            List<String> snacks = new ArrayList<>();
            for (int i = 0; i < SNACKS; i++) {
                snacks.add(SnackCalls.registered(owner, "Abandoned Replay Snack " + i));
            }
            snacks.forEach(snack -> truth.put(snack, new long[2]));
            append(app, snacks);
            Member admin = new Api().admin();
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertCountsAreTheTruth(admin));
            Projections.awaitAllCaughtUp(admin);
        } finally {
            RestAssured.reset();
        }
    }

    /**
     * Members' reactions written straight to the event store (through the API they would take minutes): each member
     * reacts to one snack, a fifth of them change their minds and a seventh withdraw.
     */
    private static void append(StandaloneApp app, List<String> snacks) {
        EventStorageEngine storage = app.bean(EventStorageEngine.class);
        TransactionManager transactions = app.bean(TransactionManager.class);
        Instant at = Instant.parse("2025-01-01T00:00:00Z");
        List<EventMessage<?>> batch = new ArrayList<>();
        for (int member = 0; member < REACTING_MEMBERS; member++) {
            String snack = snacks.get(member % SNACKS);
            SnackReactionId id = new SnackReactionId(
                    SnackId.of(snack), AccountId.of(UUID.randomUUID().toString()));
            ReactionType first = member % 2 == 0 ? ReactionType.LIKE : ReactionType.HATE;
            List<Object> events = new ArrayList<>(List.of(new SnackReacted(id, first, null)));
            ReactionType last = first;
            if (member % 5 == 0) {
                last = first == ReactionType.LIKE ? ReactionType.HATE : ReactionType.LIKE;
                events.add(new SnackReacted(id, last, first));
            }
            if (member % 7 == 0) {
                events.add(new SnackReactionWithdrawn(id, last));
                last = null;
            }
            if (last != null) {
                truth.get(snack)[last == ReactionType.LIKE ? 0 : 1]++;
            }
            for (int sequence = 0; sequence < events.size(); sequence++) {
                at = at.plusMillis(1);
                batch.add(new GenericDomainEventMessage<>(
                        "SnackReaction",
                        id.toString(),
                        sequence,
                        events.get(sequence),
                        Map.of(MetadataKeys.ACTOR_ID, id.accountId().value()),
                        UUID.randomUUID().toString(),
                        at));
            }
            if (batch.size() >= 1000 || member == REACTING_MEMBERS - 1) {
                List<EventMessage<?>> appended = List.copyOf(batch);
                transactions.executeInTransaction(() -> storage.appendEvents(appended));
                batch.clear();
            }
        }
    }

    @AfterEach
    void resetPort() {
        RestAssured.reset();
    }

    @Test
    void aNodeStoppedDuringARebuildInPlaceServesTheTrueCountsAgainSoonAfterItStartsAgain() throws Exception {
        copySeededData();
        Path output = HindsightProcess.outputBeside(dataDirectory);
        Process node = HindsightProcess.launchNode(output, dataDirectory);
        try {
            stopWhileRebuilding(node, output, false);
        } finally {
            node.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }

        assertServedTrulyAfterRestart(Duration.ofSeconds(60));

        String log = Files.readString(output);
        assertThat(log).contains("Replay of " + REACTIONS + " abandoned: this node is stopping");
        assertThat(log.lines().filter(line -> line.contains(" ERROR ")))
                .as("an orderly stop logs no error")
                .isEmpty();
    }

    @Test
    void aNodeKilledDuringARebuildInPlaceServesTheTrueCountsAgainOnceItsReplayLockLapses() throws Exception {
        copySeededData();
        Path output = HindsightProcess.outputBeside(dataDirectory);
        Process node = HindsightProcess.launchNode(output, dataDirectory);
        try {
            stopWhileRebuilding(node, output, true);
        } finally {
            node.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }

        assertServedTrulyAfterRestart(ReplayRecords.LOCK_LEASE.plusSeconds(60));
    }

    /** Starts the replay, waits until its first chunk is folded (the sets emptied and partly refilled), then stops. */
    private void stopWhileRebuilding(Process node, Path output, boolean kill) throws Exception {
        int port = HindsightProcess.awaitPort(output);
        String admin = HindsightProcess.adminToken(port);
        as(port, admin)
                .post("/api/admin/projections/" + REACTIONS + "/replay")
                .then()
                .statusCode(202);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(20))
                .until(
                        () -> replay(port, admin),
                        status -> status.getLong("processed") > 0
                                || !List.of("PAUSING", "REBUILDING").contains(status.getString("state")));
        JsonPath caught = replay(port, admin);
        assertThat(caught.getString("state"))
                .as("the replay is caught rebuilding (%s events of it folded)", caught.getLong("processed"))
                .isEqualTo("REBUILDING");
        as(port, admin).get("/api/snacks").then().statusCode(503);
        if (kill) {
            node.destroyForcibly(); // SIGKILL: no clean-up runs
        } else {
            node.destroy(); // SIGTERM
        }
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).as("the node stops").isTrue();
    }

    private void assertServedTrulyAfterRestart(Duration within) {
        try (StandaloneApp restarted = StandaloneApp.start(dataDirectory)) {
            // counted once the node serves: its start on busy cores is not what is measured
            long restartedAt = System.nanoTime();
            RestAssured.port = restarted.port();
            Member admin = new Api().admin();
            await().atMost(within.minusNanos(System.nanoTime() - restartedAt))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertCountsAreTheTruth(admin));
            JsonPath replay = admin.request()
                    .get("/api/admin/projections/" + REACTIONS + "/replay")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(replay.getString("state")).isEqualTo("COMPLETED");
            Projections.awaitAllCaughtUp(admin);
            assertThat(Projections.all(admin))
                    .allSatisfy(projection -> assertThat(((Number) projection.get("deadLetters")).longValue())
                            .as("%s parked", projection.get("name"))
                            .isZero());
        }
    }

    /** Each snack's counts, alone, as of now and in the list: never a 503 and never anything but the events' fold. */
    private static void assertCountsAreTheTruth(Member reader) {
        for (Map.Entry<String, long[]> snack : truth.entrySet()) {
            String path = "/api/snacks/" + snack.getKey();
            for (Response read : List.of(
                    reader.request().get(path),
                    reader.request()
                            .queryParam("asOf", Instant.now().toString())
                            .get(path))) {
                read.then().statusCode(200);
                assertThat(read.jsonPath().getLong("likes"))
                        .as("likes of %s", path)
                        .isEqualTo(snack.getValue()[0]);
                assertThat(read.jsonPath().getLong("hates"))
                        .as("hates of %s", path)
                        .isEqualTo(snack.getValue()[1]);
            }
        }
        reader.request().get("/api/snacks").then().statusCode(200);
    }

    private void copySeededData() throws IOException {
        Path from = seededData.resolve("data");
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(file -> {
                try {
                    Files.copy(file, dataDirectory.resolve(from.relativize(file).toString()));
                } catch (java.nio.file.FileAlreadyExistsException root) {
                    // the temporary directory itself
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static JsonPath replay(int port, String token) {
        return as(port, token)
                .get("/api/admin/projections/" + REACTIONS + "/replay")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static io.restassured.specification.RequestSpecification as(int port, String token) {
        return given().port(port).contentType(ContentType.JSON).header("Authorization", "Bearer " + token);
    }
}
