package io.hindsight.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hindsight.projection.admin.ProjectionPause;
import io.hindsight.projection.admin.ProjectionReplay;
import io.hindsight.projection.admin.ReplayRecords;
import io.hindsight.projection.admin.ReplayStatus;
import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.Projections;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

class ReplayIT extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    ProjectionReplay replays;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    ReplayRecords records;

    /**
     * A replay saves its end and then lets go of its lock; a status read that found it running and then no lock read
     * it as abandoned (FAILED), and an erasure's clean-up polling it ended FAILED though the replay had completed.
     */
    @Test
    void aReplayThatEndsBetweenTheStatusAndTheLockReadsAsEnded() {
        String projection = "status-race-" + UUID.randomUUID();
        ReplayStatus running = new ReplayStatus(
                projection,
                ReplayStatus.State.VERIFYING,
                "SIDE_BY_SIDE",
                3,
                3L,
                null,
                0,
                List.of(),
                Instant.now(),
                null,
                null,
                List.of());
        ReplayStatus completed = new ReplayStatus(
                projection,
                ReplayStatus.State.COMPLETED,
                "SIDE_BY_SIDE",
                3,
                3L,
                true,
                0,
                List.of(),
                running.startedAt(),
                Instant.now(),
                null,
                List.of());
        ReplayRecords endingMeanwhile = new ReplayRecords(redis, new ObjectMapper().findAndRegisterModules()) {
            @Override
            public boolean locked(String name) {
                save(completed);
                return false;
            }
        };
        endingMeanwhile.save(running);

        assertThat(endingMeanwhile.status(projection).state()).isEqualTo(ReplayStatus.State.COMPLETED);
        records.save(running);
        assertThat(records.status(projection).state())
                .as("a running status whose lock is gone, unchanged")
                .isEqualTo(ReplayStatus.State.FAILED);
    }

    @Autowired
    ProjectionPause pause;

    @Test
    void replayingEveryProjectionAfterAMixedWorkloadFindsNoDifference() {
        Member admin = api.admin();
        mixedWorkload(admin);
        List<String> projections = admin.request()
                .get("/api/admin/projections")
                .then()
                .statusCode(200)
                .extract()
                .path("name");
        assertThat(projections).contains("accounts");

        for (String projection : projections) {
            if (projection.equals(PoisonProbeProjection.NAME)) {
                continue;
            }
            JsonPath status = Projections.replay(admin, projection);
            assertThat(status.getString("state")).as(projection).isEqualTo("COMPLETED");
            assertThat(status.getInt("differenceCount"))
                    .as(projection + " differences: " + status.getList("differences"))
                    .isZero();
            assertThat(status.getBoolean("verified")).as(projection).isTrue();
        }
    }

    @Test
    void canWaitForTheReplaysStartedOnANodeUntilTheyHaveEndedAndLetGo() throws Exception {
        Member admin = api.admin();
        await().atMost(Duration.ofSeconds(60)).until(() -> !Projections.replaying(admin, "shop-products"));
        admin.request()
                .post("/api/admin/projections/shop-products/replay")
                .then()
                .statusCode(202);

        replays.awaitReplaysStartedHere(Duration.ofSeconds(60));

        assertThat(replays.status("shop-products").state()).isEqualTo(ReplayStatus.State.COMPLETED);
        admin.request()
                .post("/api/admin/projections/shop-products/replay")
                .then()
                .statusCode(202);
        replays.awaitReplaysStartedHere(Duration.ofSeconds(60));
    }

    @Test
    void aReplaysLockOutlivesItsLastRenewalByTheLeaseOnly() {
        String projection = "lock-lease-" + UUID.randomUUID();
        String key = "hs:projections:replay-lock:" + projection;
        assertThat(records.lock(projection)).isTrue();
        assertThat(records.lock(projection))
                .as("a second replay of the projection")
                .isFalse();
        redis.expire(key, Duration.ofSeconds(5));

        assertThat(records.renewLock(projection)).isTrue();
        assertThat(redis.getExpire(key, TimeUnit.SECONDS))
                .isGreaterThan(5)
                .isLessThanOrEqualTo(ReplayRecords.LOCK_LEASE.toSeconds());

        records.unlock(projection);
        assertThat(records.renewLock(projection))
                .as("renewing a lock that is gone")
                .isFalse();
        assertThat(redis.hasKey(key)).isFalse();
    }

    @Test
    void aProjectionWhoseTokenWasMovedPastTheStoreIsReportedAheadOfItNotCaughtUp() throws Exception {
        Member admin = api.admin();
        String name = "store-messages";
        List<Map<String, Object>> saved = jdbc.sql(
                        "SELECT segment, token FROM token_entry WHERE processor_name = :name ORDER BY segment")
                .param("name", name)
                .query()
                .listOfRows();
        long head = jdbc.sql("SELECT max(global_index) FROM domain_event_entry")
                .query(Long.class)
                .single();
        try {
            pause.pauseEverywhere(name, Duration.ofSeconds(20));
            jdbc.sql("UPDATE token_entry SET token = convert_to(:token, 'UTF8') WHERE processor_name = :name")
                    .param("token", "{\"index\":" + (head + 100_000) + ",\"gaps\":[]}")
                    .param("name", name)
                    .update();
            pause.resumeEverywhere(name);

            // was RUNNING with lag 0 while it passed over every event appended up to its position
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> admin.request()
                            .get("/api/admin/projections")
                            .then()
                            .statusCode(200)
                            .body("find { it.name == '" + name + "' }.status", equalTo("AHEAD_OF_STORE")));
        } finally {
            pause.pauseEverywhere(name, Duration.ofSeconds(20));
            for (Map<String, Object> row : saved) {
                jdbc.sql("UPDATE token_entry SET token = :token WHERE processor_name = :name AND segment = :segment")
                        .param("token", row.get("token"))
                        .param("name", name)
                        .param("segment", row.get("segment"))
                        .update();
            }
            pause.resumeEverywhere(name);
        }
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> admin.request()
                        .get("/api/admin/projections")
                        .then()
                        .body("find { it.name == '" + name + "' }.status", equalTo("RUNNING")));
    }

    @Test
    void aReplayReportsAndRepairsARowThatDriftedFromTheEvents() {
        Member admin = api.admin();
        Member member = api.signUp("Drifted");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("SELECT count(*) FROM account_view WHERE aggregate_id = :id")
                                .param("id", member.accountId())
                                .query(Long.class)
                                .single()
                        == 1);
        jdbc.sql("UPDATE account_view SET name = 'Tampered' WHERE aggregate_id = :id")
                .param("id", member.accountId())
                .update();

        JsonPath status = Projections.replay(admin, "accounts");

        assertThat(status.getString("state")).isEqualTo("COMPLETED");
        assertThat(status.getBoolean("verified")).isFalse();
        assertThat(status.getInt("differenceCount")).isEqualTo(1);
        assertThat(status.getString("differences[0].key")).isEqualTo("account_view:" + member.accountId());
        assertThat(status.getString("differences[0].before")).contains("Tampered");
        assertThat(status.getString("differences[0].after")).contains("\"name\": \"Drifted\"");
        assertThat(jdbc.sql("SELECT name FROM account_view WHERE aggregate_id = :id")
                        .param("id", member.accountId())
                        .query(String.class)
                        .single())
                .isEqualTo("Drifted");
        admin.request()
                .queryParam("keyword", member.email())
                .get("/api/admin/users")
                .then()
                .statusCode(200)
                .body("matched", equalTo(1));
    }

    @Test
    void aReadThatBeganBeforeARepairingReplayKeepsSeeingTheRowsItBeganWith() throws Exception {
        Member admin = api.admin();
        Member member = api.signUp("Snapshot Reader");
        await().atMost(Duration.ofSeconds(10)).until(() -> nameInAccountView(jdbc, member) != null);
        jdbc.sql("UPDATE account_view SET name = 'Tampered' WHERE aggregate_id = :id")
                .param("id", member.accountId())
                .update();

        try (Connection reader = dataSource.getConnection()) {
            reader.setAutoCommit(false);
            reader.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            reader.createStatement().execute("SELECT 1");

            JsonPath status = Projections.replay(admin, "accounts");
            assertThat(status.getInt("differenceCount")).isEqualTo(1);

            JdbcClient snapshot = JdbcClient.create(new SingleConnectionDataSource(reader, true));
            assertThat(nameInAccountView(snapshot, member))
                    .as("the row as the reader's snapshot had it, not an empty table")
                    .isEqualTo("Tampered");
            reader.commit();
            assertThat(nameInAccountView(snapshot, member)).isEqualTo("Snapshot Reader");
        }
    }

    private static String nameInAccountView(JdbcClient client, Member member) {
        return client.sql("SELECT name FROM account_view WHERE aggregate_id = :id")
                .param("id", member.accountId())
                .query(String.class)
                .optional()
                .orElse(null);
    }

    @Test
    void queriesKeepAnsweringAndNewEventsAreNotLostDuringAReplay() {
        Member admin = api.admin();
        Member member = api.signUp("During Replay");
        admin.request()
                .post("/api/admin/projections/accounts/replay")
                .then()
                .statusCode(202)
                .header("Location", "/api/admin/projections/accounts/replay");
        member.request()
                .body(Map.of("name", "Changed During Replay"))
                .patch("/api/me")
                .then()
                .statusCode(200);
        admin.request().get("/api/admin/users/" + member.accountId()).then().statusCode(200);

        await().atMost(Duration.ofSeconds(60)).until(() -> !Projections.replaying(admin, "accounts"));
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> admin.request()
                        .queryParam("keyword", "Changed During Replay")
                        .get("/api/admin/users")
                        .then()
                        .body("matched", equalTo(1)));
    }

    @Test
    void onlyAdminsReplayAndUnknownProjectionsAreNotFound() {
        Member admin = api.admin();
        admin.request()
                .post("/api/admin/projections/no-such-projection/replay")
                .then()
                .statusCode(404);
        api.withRoles("Replay Auditor", "AUDITOR")
                .request()
                .post("/api/admin/projections/accounts/replay")
                .then()
                .statusCode(403);
        admin.request()
                .get("/api/admin/projections")
                .then()
                .statusCode(200)
                .body("find { it.name == 'accounts' }.status", org.hamcrest.Matchers.oneOf("RUNNING", "REPLAYING"))
                .body("name", hasItem("accounts"));
    }

    private void mixedWorkload(Member admin) {
        for (int i = 0; i < 5; i++) {
            Member member = api.signUp("Replay Mix " + i);
            // Backslashes, quotes and braces: a replay copies rows in COPY's text format and arrays as literals.
            member.request()
                    .body(Map.of("name", "Replay \\ Mix \"" + i + "\" {b}, 한글", "gender", "OTHER"))
                    .patch("/api/me")
                    .then()
                    .statusCode(200);
            if (i % 2 == 0) {
                admin.request()
                        .body(Map.of("roles", List.of("HOST")))
                        .put("/api/admin/users/" + member.accountId() + "/roles")
                        .then()
                        .statusCode(200);
                admin.request()
                        .body(Map.of(
                                "effectiveFrom",
                                Instant.now().toString(),
                                "nickname",
                                "mix" + System.nanoTime() % 1000000))
                        .post("/api/admin/users/" + member.accountId() + "/corrections")
                        .then()
                        .statusCode(201);
            }
            if (i == 3) {
                member.request().delete("/api/me").then().statusCode(204);
            }
        }
        shopWorkload(admin);
        bookingWorkload(admin);
        snackWorkload(admin);
    }

    private void bookingWorkload(Member admin) {
        Member host = api.withRoles("Replay Host", "HOST");
        String spaceId = host.request()
                .body(Map.of(
                        "title",
                        "Replay loft",
                        "subTitle",
                        "Mapo",
                        "categoryId",
                        1,
                        "districtId",
                        13,
                        "minCount",
                        1,
                        "maxCount",
                        6,
                        "address",
                        "Mapo-gu, Seoul",
                        "facilityIds",
                        List.of(1),
                        "imageUrls",
                        List.of(),
                        "prices",
                        Map.of("DAY", 50000, "NIGHT", 60000, "ALL_DAY", 90000)))
                .post("/api/spaces")
                .then()
                .statusCode(201)
                .extract()
                .path("spaceId");
        Member guest = api.signUpWithWallet("Replay Guest", 1_000_000);
        guest.request().put("/api/spaces/" + spaceId + "/like").then().statusCode(200);
        String date =
                java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(20).toString();
        String day = guest.request()
                .body(Map.of("spaceId", spaceId, "date", date, "option", "DAY", "headcount", 2))
                .post("/api/bookings")
                .then()
                .statusCode(201)
                .extract()
                .path("bookingId");
        guest.request().post("/api/bookings/" + day + "/confirm").then().statusCode(200);
        String night = guest.request()
                .body(Map.of("spaceId", spaceId, "date", date, "option", "NIGHT", "headcount", 2))
                .post("/api/bookings")
                .then()
                .statusCode(201)
                .extract()
                .path("bookingId");
        host.request().post("/api/bookings/" + night + "/cancel").then().statusCode(200);
    }

    private void snackWorkload(Member admin) {
        Member member = api.signUp("Replay Snacker");
        String snackId = member.registersSnack("Replay chips");
        member.request()
                .body(Map.of("type", "LIKE"))
                .put("/api/snacks/" + snackId + "/reaction")
                .then()
                .statusCode(200);
        admin.request()
                .body(Map.of("type", "HATE"))
                .put("/api/snacks/" + snackId + "/reaction")
                .then()
                .statusCode(200);
        admin.request().delete("/api/snacks/" + snackId + "/reaction").then().statusCode(200);
        String orderId = member.request()
                .body(Map.of("items", List.of(Map.of("snackId", snackId, "quantity", 3))))
                .post("/api/snack-orders")
                .then()
                .statusCode(201)
                .extract()
                .path("orderId");
        admin.request()
                .body(Map.of("status", "APPROVED"))
                .post("/api/snack-orders/" + orderId + "/status")
                .then()
                .statusCode(200);
    }

    private void shopWorkload(Member admin) {
        String productId = admin.request()
                .body(Map.of(
                        "name",
                        "Replay Tea",
                        "description",
                        "Tea",
                        "price",
                        3000,
                        "imageUrl",
                        "https://images.hindsight.test/tea.png"))
                .post("/api/products")
                .then()
                .statusCode(201)
                .extract()
                .path("productId");
        admin.request()
                .body(Map.of("price", 3500))
                .patch("/api/products/" + productId)
                .then()
                .statusCode(200);
        Member buyer = api.signUp("Replay Buyer");
        String cartId = buyer.request()
                .body(Map.of("productId", productId, "quantity", 3))
                .post("/api/cart/items")
                .then()
                .statusCode(200)
                .extract()
                .path("cartId");
        buyer.request()
                .body(Map.of("quantity", 2))
                .patch("/api/cart/items/" + productId)
                .then()
                .statusCode(200);
        buyer.request()
                .body(Map.of("cartId", cartId))
                .post("/api/cart/checkout")
                .then()
                .statusCode(201);
        buyer.request()
                .body(Map.of("productId", productId))
                .post("/api/cart/items")
                .then()
                .statusCode(200);
    }
}
