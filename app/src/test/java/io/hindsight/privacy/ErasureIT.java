package io.hindsight.privacy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.hindsight.account.Account;
import io.hindsight.audit.evidence.SigningKey;
import io.hindsight.booking.BookingApi;
import io.hindsight.funding.CampaignSteps;
import io.hindsight.platform.axon.AggregateSnapshotConfiguration;
import io.hindsight.platform.privacy.Erasures;
import io.hindsight.shop.ShopSteps;
import io.hindsight.snack.SnackCalls;
import io.hindsight.store.StoreOrder;
import io.hindsight.store.StoreSteps;
import io.hindsight.store.StoreSteps.Merchant;
import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.Projections;
import io.hindsight.support.SecondNode;
import io.hindsight.support.SharedSecondNode;
import io.hindsight.support.StallingLink;
import io.hindsight.support.StandaloneApp;
import io.hindsight.support.StoredCopies;
import io.hindsight.support.StoredEvents;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.eventsourcing.Snapshotter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Erasure destroys an account's data key: every table and Redis entry loses the account's personal values,
 * every reader sees null for them, and the evidence chain, receipts and figures stay as they were.
 */
class ErasureIT extends IntegrationTest {

    @RegisterExtension
    static final SharedSecondNode secondNode = new SharedSecondNode("hindsight.roles=command");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    Snapshotter snapshotter;

    @Autowired
    Erasures erasures;

    @Autowired
    DataSource dataSource;

    @Autowired
    Environment environment;

    @Test
    void cannotEraseOwnPersonalDataBeforeResigning() {
        Member member = api.signUp("Not Yet Resigned");
        member.request()
                .delete("/api/me/personal-data")
                .then()
                .statusCode(409)
                .body("code", equalTo("ACCOUNT_NOT_RESIGNED"));
        Member admin = api.admin();
        admin.request()
                .get("/api/admin/users/" + member.accountId())
                .then()
                .statusCode(200)
                .body("name", equalTo("Not Yet Resigned"));
        member.request()
                .body(Map.of("currentPassword", member.password(), "newPassword", "another-password-1"))
                .put("/api/me/password")
                .then()
                .statusCode(204);
        member.request().delete("/api/me/personal-data").then().statusCode(401).body("code", equalTo("TOKEN_REVOKED"));
        member.request().get("/api/me").then().statusCode(401);
        assertThat(erasedKeysOf(member.accountId())).isZero();
        Projections.awaitAllCaughtUp(admin);
    }

    /**
     * A store upgraded from a release before encryption holds its older events' personal fields in the clear: no
     * key guards them, and the events are never rewritten. It used to answer a signed receipt with nothing in
     * {@code erased} and a clean-up COMPLETED, while every read still showed the email and name. The receipt now
     * names what the stored bytes keep, and every reader sees null for them, as for sealed values.
     */
    @Test
    void anOlderReleasesValuesInTheClearReadAsErasedAndTheReceiptNamesThem() {
        String accountId = UUID.randomUUID().toString();
        String email = "plain-" + accountId.substring(0, 8) + "@hindsight.test";
        new StoredEvents(jdbc)
                .appendAsWritten(
                        accountId,
                        0,
                        "Account",
                        "io.hindsight.account.api.AccountSignedUp",
                        "2",
                        accountId,
                        """
                        {"accountId":"%s","email":"%s","profile":{"name":"Plain Pat","nickname":null,"gender":"FEMALE"},\
                        "roles":["MEMBER"],"signUpMethod":"PASSWORD","socialProvider":null}""".formatted(accountId, email));
        Member admin = api.admin();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> admin.request()
                        .get("/api/admin/users/" + accountId)
                        .then()
                        .statusCode(200)
                        .body("email", equalTo(email)));

        JsonPath receipt = admin.request()
                .post("/api/admin/users/" + accountId + "/erasure")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(receipt.getList("erased")).isEmpty();
        assertThat(receipt.getString("keptInClear[0].eventType")).isEqualTo("io.hindsight.account.api.AccountSignedUp");
        assertThat(receipt.getLong("keptInClear[0].events")).isOne();
        assertThat(receipt.getList("keptInClear[0].fields", String.class))
                .containsExactly("email", "profile.gender", "profile.name");
        String statement =
                new String(Base64.getDecoder().decode(receipt.getString("statement")), StandardCharsets.UTF_8);
        assertThat(statement)
                .contains(
                        "kept-in-clear: io.hindsight.account.api.AccountSignedUp 1 email,profile.gender,profile.name\n")
                .doesNotContain(email);
        String erasureId = receipt.getString("erasureId");
        admin.request()
                .get("/api/admin/erasures/" + erasureId)
                .then()
                .statusCode(200)
                .body("keptInClear[0].fields", equalTo(List.of("email", "profile.gender", "profile.name")));
        awaitCleanup(admin, erasureId);

        admin.request()
                .get("/api/admin/users/" + accountId)
                .then()
                .statusCode(200)
                .body("email", nullValue())
                .body("name", nullValue())
                .body("gender", nullValue());
        admin.request()
                .get("/api/audit/aggregates/" + accountId + "/events")
                .then()
                .statusCode(200)
                .body("[0].payload.email", nullValue())
                .body("[0].payload.profile.name", nullValue())
                .body("[0].payload.accountId", equalTo(accountId));
        assertThat(tablesHolding(email)).as("tables holding the email").containsExactly("domain_event_entry.payload");
        assertThat(tablesHolding("Plain Pat"))
                .as("tables holding the name")
                .containsExactly("domain_event_entry.payload");
        Projections.awaitAllCaughtUp(admin);
    }

    /**
     * Resigning voids every token, yet the last one may still erase. One voided earlier - a log-out, a password
     * change - once could too: a stolen token its owner tried to kill started an erasure no one can undo.
     */
    @Test
    void onlyATokenVoidedByTheResignationItselfMayStillErase() {
        Member member = api.signUp("Careful Leaver");
        Member loggedOut = api.logIn(member.email(), member.password());
        loggedOut.request().post("/api/auth/logout").then().statusCode(204);
        Member beforeThePasswordChange = api.logIn(member.email(), member.password());
        member.request()
                .body(Map.of("currentPassword", member.password(), "newPassword", "careful-password-2"))
                .put("/api/me/password")
                .then()
                .statusCode(204);
        Member last = api.logIn(member.email(), "careful-password-2");
        last.request().delete("/api/me").then().statusCode(204);

        for (Member voidedEarlier : List.of(loggedOut, beforeThePasswordChange, member)) {
            voidedEarlier
                    .request()
                    .delete("/api/me/personal-data")
                    .then()
                    .statusCode(401)
                    .body("code", equalTo("TOKEN_REVOKED"));
        }
        assertThat(erasedKeysOf(member.accountId())).isZero();
        String erasureId = erasedOwn(last);
        assertThat(erasedKeysOf(member.accountId())).isOne();
        last.request().get("/api/me").then().statusCode(401);
        awaitCleanup(api.admin(), erasureId);
    }

    @Test
    void aCleanUpItsNodeDidNotFinishIsTakenUpByTheNextLook() {
        Member member = api.signUp("Cut Off Midway");
        member.request().delete("/api/me").then().statusCode(204);
        String erasureId = erasedOwn(member);
        Member admin = api.admin();
        awaitCleanup(admin, erasureId);
        snapshotter.scheduleSnapshot(Account.class, member.accountId());
        await().atMost(Duration.ofSeconds(30)).until(() -> snapshotsOf(member.accountId()) > 0);

        // as a node that stopped midway leaves it: still RUNNING, and a snapshot taken since the key was erased
        leftRunning(erasureId);
        erasures.takeUpCleanUpsCutOff();

        awaitCleanup(admin, erasureId);
        assertThat(snapshotsOf(member.accountId())).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM account_view WHERE aggregate_id = :id AND name IS NULL")
                        .param("id", member.accountId())
                        .query(Long.class)
                        .single())
                .as("the erased account's row, rebuilt with its name erased")
                .isOne();
        admin.request()
                .get("/api/admin/projections/accounts/replay")
                .then()
                .statusCode(200)
                .body("skipped.aggregateId", not(hasItem(member.accountId())));
        admin.request()
                .queryParam("status", "RESIGNED")
                .queryParam("limit", 100)
                .get("/api/admin/users")
                .then()
                .statusCode(200);
        admin.request()
                .get("/api/admin/users/" + member.accountId() + "/history")
                .then()
                .statusCode(200);
        Projections.awaitAllCaughtUp(admin);
    }

    @Test
    void aCleanUpAnotherNodeIsRunningIsLeftToIt() throws Exception {
        Member member = api.signUp("Cleaned Elsewhere");
        member.request().delete("/api/me").then().statusCode(204);
        String erasureId = erasedOwn(member);
        Member admin = api.admin();
        awaitCleanup(admin, erasureId);
        leftRunning(erasureId);

        try (Connection otherNode = dataSource.getConnection()) {
            advisoryLock(otherNode, "pg_advisory_lock", erasureId);
            erasures.takeUpCleanUpsCutOff();
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> admin.request()
                            .get("/api/admin/erasures/" + erasureId)
                            .then()
                            .body("cleanup", equalTo("RUNNING")));
            advisoryLock(otherNode, "pg_advisory_unlock", erasureId);
        }

        erasures.takeUpCleanUpsCutOff();
        awaitCleanup(admin, erasureId);
    }

    private static void advisoryLock(Connection connection, String function, String erasureId) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT " + function + "(?, hashtext(?))")) {
            lock.setInt(1, Erasures.CLEANUP_LOCKS);
            lock.setString(2, erasureId);
            lock.executeQuery().close();
        }
    }

    private static void awaitCleanup(Member admin, String erasureId) {
        await().atMost(Duration.ofMinutes(3))
                .untilAsserted(() -> admin.request()
                        .get("/api/admin/erasures/" + erasureId)
                        .then()
                        .statusCode(200)
                        .body("cleanup", equalTo("COMPLETED")));
    }

    private static String erasedOwn(Member member) {
        return member.request()
                .delete("/api/me/personal-data")
                .then()
                .statusCode(200)
                .extract()
                .path("erasureId");
    }

    /** As a node that stopped midway leaves a clean-up. */
    private void leftRunning(String erasureId) {
        jdbc.sql("UPDATE erasure_receipt SET cleanup_state = 'RUNNING', cleanup = '' WHERE erasure_id = :id")
                .param("id", erasureId)
                .update();
    }

    private long erasedKeysOf(String accountId) {
        return jdbc.sql("SELECT count(*) FROM personal_data_key WHERE subject = :id AND key_bytes IS NULL")
                .param("id", accountId)
                .query(Long.class)
                .single();
    }

    private long snapshotsOf(String aggregateId) {
        return jdbc.sql("SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = :id")
                .param("id", aggregateId)
                .query(Long.class)
                .single();
    }

    /**
     * A keyed write's response is copied to Redis after PostgreSQL kept it. A copy that reached Redis only after the
     * erasure's clean-up had deleted the account's copies - its request paused, or its bytes late on the way - kept the
     * account's values there for a day; Redis now refuses it.
     */
    @Test
    void aResponseCopyReachingRedisAfterTheErasureIsRefused() throws Exception {
        Member admin = api.admin();
        Member member = api.signUp("Late Copy");
        int redisPort = environment.getRequiredProperty("spring.data.redis.port", Integer.class);
        try (StallingLink link = new StallingLink(redisPort);
                StandaloneApp node = SecondNode.start(
                        environment, "spring.data.redis.port=" + link.port(), "hindsight.roles=command")) {
            // a first keyed write loads the copy's script into Redis: a script Redis does not hold yet is sent whole
            // only after Redis refused it (NOSCRIPT), which the held link would have kept back
            keyedRename(node, api.signUp("Script Loader"), "Script Loader Renamed");
            link.holdRequestsFrom("\"contentType\"");
            keyedRename(node, member, "Late Copy " + UUID.randomUUID());
            assertThat(link.holdsRequests()).as("the copy was held on its way").isTrue();
            String copy = "hs:idempotency:"
                    + jdbc.sql("SELECT key_hash FROM idempotency_record WHERE account_id = :id")
                            .param("id", member.accountId())
                            .query(String.class)
                            .single();

            awaitCleanup(
                    admin,
                    admin.request()
                            .post("/api/admin/users/" + member.accountId() + "/erasure")
                            .then()
                            .statusCode(200)
                            .extract()
                            .path("erasureId"));
            link.release();
            // the node's next keyed write reads Redis over the same connection, after the held copy
            keyedRename(node, api.signUp("After The Copy"), "After The Copy Renamed");

            assertThat(redis.hasKey(copy))
                    .as("the response copied after the erasure")
                    .isFalse();
        }
    }

    private static void keyedRename(StandaloneApp node, Member member, String name) {
        given().port(node.port())
                .header("Authorization", "Bearer " + member.accessToken())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType("application/json")
                .body(Map.of("name", name))
                .patch("/api/me")
                .then()
                .statusCode(200);
    }

    /** The node kept the account's aggregate cached with its values in the clear, and echoed them for good. */
    @Test
    void aCommandAfterAnErasureAnswersNoErasedValue() {
        Member admin = api.admin();
        Member member = api.signUp("Echoed After Erasure");
        member.request()
                .body(Map.of("gender", "FEMALE"))
                .patch("/api/me")
                .then()
                .statusCode(200);
        admin.request()
                .post("/api/admin/users/" + member.accountId() + "/erasure")
                .then()
                .statusCode(200);
        admin.request()
                .body(Map.of("roles", List.of("MEMBER", "HOST")))
                .put("/api/admin/users/" + member.accountId() + "/roles")
                .then()
                .statusCode(200)
                .body("email", nullValue())
                .body("name", nullValue())
                .body("gender", nullValue());
    }

    /**
     * Another command node still has the account's key cached for up to a minute after the erasure: what it stores for
     * the account meanwhile is stored erased, not sealed under the destroyed key (a query node with the key cached
     * too folded such a value into its read models in the clear, where it stayed after the clean-up).
     */
    @Test
    void anotherNodeWithTheKeyCachedStoresWhatComesAfterTheErasureErased() {
        Member admin = api.admin();
        Member member = api.signUp("Cached Elsewhere");
        member.request()
                .port(secondNode.port())
                .body(Map.of("name", "Sealed On The Second Node"))
                .patch("/api/me")
                .then()
                .statusCode(200);
        String erasureId = admin.request()
                .post("/api/admin/users/" + member.accountId() + "/erasure")
                .then()
                .statusCode(200)
                .extract()
                .path("erasureId");
        String erasedKey = jdbc.sql("SELECT key_id FROM personal_data_key WHERE subject = :subject")
                .param("subject", member.accountId())
                .query(String.class)
                .single();
        awaitCleanup(admin, erasureId);

        member.request()
                .port(secondNode.port())
                .body(Map.of("name", "Sent After The Erasure"))
                .patch("/api/me")
                .then()
                .statusCode(200);

        String stored = jdbc.sql("""
                        SELECT convert_from(payload, 'UTF8') FROM domain_event_entry
                        WHERE aggregate_identifier = :account ORDER BY sequence_number DESC LIMIT 1""")
                .param("account", member.accountId())
                .query(String.class)
                .single();
        assertThat(stored).contains("\"changes\"").doesNotContain(erasedKey);
        assertThat(JsonPath.from(stored).getString("changes.name")).isNull();
    }

    @Test
    void cannotEraseAnotherAccountWithoutBeingAdmin() {
        Member member = api.signUp("Curious Member");
        Member other = api.signUp("Other Member");
        member.request()
                .post("/api/admin/users/" + other.accountId() + "/erasure")
                .then()
                .statusCode(403);
        api.admin()
                .request()
                .post("/api/admin/users/" + UUID.randomUUID() + "/erasure")
                .then()
                .statusCode(404)
                .body("code", equalTo("ACCOUNT_NOT_FOUND"));
    }

    @Test
    void canEraseAnAccountsPersonalDataEverywhereWhileEvidenceAndFiguresStay() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String email = "erase-me-" + tag + "@hindsight.test";
        String name = "Erasable Person " + tag;
        String nickname = "erasenick" + tag;
        String address = "Apt " + tag + ", 9 Forgetting-ro";
        String deliveryRequest = "Ring twice for " + tag;
        String message = "Happy erasure day " + tag;
        List<String> erasedValues = List.of(email, name, nickname, address, deliveryRequest, message);

        Member admin = api.admin();
        Member member = api.withWallet(api.signUp(email, "password-erase", name, nickname), 500_000);
        api.logIn(email, "password-erase");

        String product = ShopSteps.createProduct(admin, ShopSteps.uniqueName("Erasure tea"), 3_000);
        ShopSteps.checkedOut(member, ShopSteps.added(member, product, 2));

        Merchant merchant = StoreSteps.openStore("Erasure Cafe " + tag);
        String latte = StoreSteps.menu(merchant, "Latte", 4_500);
        Map<String, Object> order = new HashMap<>();
        order.put("storeId", merchant.storeId());
        order.put("items", List.of(Map.of("menuId", latte, "quantity", 1)));
        order.put("delivery", Map.of("address", address, "request", deliveryRequest));
        order.put("points", 0);
        String orderId = member.request()
                .body(order)
                .post("/api/store-orders")
                .then()
                .statusCode(201)
                .extract()
                .path("orderId");
        StoreSteps.pay(orderId, 4_500);
        Member friend = api.signUp("Erasure Friend");
        String giftOrder = StoreSteps.gift(member, friend, merchant, latte, message)
                .then()
                .statusCode(201)
                .extract()
                .path("orderId");
        StoreSteps.pay(giftOrder, 4_500);

        String spaceId = BookingApi.registerSpace(api.withRoles("Erasure Host", "HOST"));
        String bookingId = BookingApi.booked(member, spaceId, BookingApi.inDays(20), "DAY");

        String snack = SnackCalls.registered(admin, "Erasure chips");
        SnackCalls.react(member, snack, "LIKE").then().statusCode(200);

        String campaignId = CampaignSteps.createCampaign(
                api.withRoles("Erasure Publisher", "PUBLISHER"), "Erasure fund", 90_000, 9_000);
        CampaignSteps.fund(member, campaignId).then().statusCode(201);

        for (int change = 0; change <= AggregateSnapshotConfiguration.EVENTS_BETWEEN_SNAPSHOTS; change++) {
            member.request()
                    .body(Map.of("name", change % 2 == 0 ? name + " again" : name))
                    .patch("/api/me")
                    .then()
                    .statusCode(200);
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> tablesHolding(name).contains("snapshot_event_entry.payload"));
        member.request()
                .header("Idempotency-Key", "erasure-" + tag)
                .body(Map.of("name", name))
                .patch("/api/me")
                .then()
                .statusCode(200);
        assertThat(tablesHolding(name)).contains("idempotency_record.body");
        String keptResponse = "hs:idempotency:"
                + jdbc.sql("SELECT key_hash FROM idempotency_record WHERE account_id = :id")
                        .param("id", member.accountId())
                        .query(String.class)
                        .single();
        assertThat(redis.hasKey(keptResponse)).isTrue();
        // an ADMIN's answer about the member is kept under the ADMIN's key, and repeats the member's values too
        admin.request()
                .header("Idempotency-Key", "erasure-admin-" + tag)
                .body(Map.of("effectiveFrom", Instant.now().minusSeconds(1).toString(), "name", name))
                .post("/api/admin/users/" + member.accountId() + "/corrections")
                .then()
                .statusCode(201);
        String keptForAdmin = "hs:idempotency:"
                + jdbc.sql("""
                                SELECT key_hash FROM idempotency_record
                                WHERE account_id = :admin AND position(convert_to(:name, 'UTF8') IN body) > 0""")
                        .param("admin", admin.accountId())
                        .param("name", name)
                        .query(String.class)
                        .single();
        assertThat(redis.hasKey(keptForAdmin)).isTrue();
        snapshotter.scheduleSnapshot(StoreOrder.class, orderId);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> tablesHolding(address).contains("snapshot_event_entry.payload"));

        Projections.awaitAllCaughtUp(admin);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !tablesHolding(message).isEmpty()
                        && !tablesHolding(address).isEmpty());
        // money is settled and taken out first: a wallet holding any keeps its owner from resigning (WalletsIT)
        member.request().post("/api/bookings/" + bookingId + "/cancel").then().statusCode(200);
        admin.request().post("/api/campaigns/" + campaignId + "/cancel").then().statusCode(200);
        withdrawEverything(member);
        Projections.awaitAllCaughtUp(admin);
        Figures before = figures(admin, campaignId);

        member.request().delete("/api/me").then().statusCode(204);
        JsonPath receipt = member.request()
                .delete("/api/me/personal-data")
                .then()
                .statusCode(200)
                .body("accountId", equalTo(member.accountId()))
                .body("erasedBy", equalTo(member.accountId()))
                .body("algorithm", equalTo("Ed25519"))
                .extract()
                .jsonPath();
        String erasureId = receipt.getString("erasureId");
        assertThat(receipt.getList("erased.eventType", String.class))
                .contains(
                        "io.hindsight.account.api.AccountSignedUp",
                        "io.hindsight.account.api.LoggedIn",
                        "io.hindsight.store.api.StoreOrderCreated");
        assertThat(receipt.getList("erased.find { it.eventType == 'io.hindsight.account.api.AccountSignedUp' }.fields"))
                .containsExactly("email", "profile.name", "profile.nickname", "profile.gender");
        assertThat(receiptSignatureVerifies(receipt)).isTrue();
        String statement =
                new String(Base64.getDecoder().decode(receipt.getString("statement")), StandardCharsets.UTF_8);
        assertThat(statement).startsWith("hindsight-erasure-receipt/v1\n").contains("subject: " + member.accountId());
        erasedValues.forEach(value -> assertThat(statement).doesNotContain(value));

        awaitCleanup(admin, erasureId);

        assertThat(redis.hasKey(keptResponse))
                .as("the kept response's copy in Redis")
                .isFalse();
        assertThat(redis.hasKey(keptForAdmin))
                .as("the copy of the ADMIN's answer about the member")
                .isFalse();
        for (String value : erasedValues) {
            assertThat(tablesHolding(value)).as("tables holding %s", value).isEmpty();
            assertThat(redisHolding(value)).as("Redis keys holding %s", value).isEmpty();
        }

        admin.request()
                .get("/api/audit/aggregates/" + member.accountId() + "/events")
                .then()
                .statusCode(200)
                .body("[0].payload.email", nullValue())
                .body("[0].payload.profile.name", nullValue())
                .body("[0].payload.profile.nickname", nullValue())
                .body("[0].payload.accountId", equalTo(member.accountId()));
        admin.request()
                .get("/api/admin/users/" + member.accountId())
                .then()
                .statusCode(200)
                .body("email", nullValue())
                .body("name", nullValue())
                .body("nickname", nullValue());
        String orderView = StoreSteps.orderOf(merchant.member(), orderId).prettify();
        assertThat(orderView).doesNotContain(address).doesNotContain(deliveryRequest);

        long from = 1;
        JsonPath verified;
        do {
            verified = admin.request()
                    .queryParam("from", from)
                    .get("/api/audit/verify")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(verified.getBoolean("verified"))
                    .as("verify from %d: %s", from, verified.getList("problems"))
                    .isTrue();
            from = verified.getLong("next");
        } while (verified.getLong("to") < verified.getLong("chainedThrough"));
        assertThat(figures(admin, campaignId)).isEqualTo(before);

        client().body(Map.of("email", email.toUpperCase(), "password", "password-again", "name", "Back Again"))
                .post("/api/auth/signup")
                .then()
                .statusCode(409)
                .body("code", equalTo("EMAIL_RESIGNED"));
        client().body(Map.of("email", email, "password", "password-erase"))
                .post("/api/auth/login")
                .then()
                .statusCode(401);
        api.logIn(friend.email(), friend.password());

        api.admin()
                .request()
                .post("/api/admin/users/" + member.accountId() + "/erasure")
                .then()
                .statusCode(200)
                .body("erasureId", equalTo(erasureId));

        for (String projection :
                admin.request().get("/api/admin/projections").jsonPath().getList("name", String.class)) {
            replayAndExpectNoDifference(admin, projection);
        }
        for (String value : erasedValues) {
            assertThat(tablesHolding(value))
                    .as("tables holding %s after replays", value)
                    .isEmpty();
        }
        Projections.awaitAllCaughtUp(admin);
    }

    private record Figures(Object sales, Object ledger, Object campaign) {}

    /** The wallet's whole balance, once the refunds before it have reached the wallet's read model. */
    private static void withdrawEverything(Member member) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            int balance = member.request()
                    .get("/api/wallet")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("balance");
            int held = member.request()
                    .get("/api/wallet")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("held");
            assertThat(held).isZero();
            member.request()
                    .body(Map.of("amount", balance))
                    .post("/api/wallet/withdrawals")
                    .then()
                    .statusCode(200)
                    .body("balance", equalTo(0));
        });
    }

    private static Figures figures(Member admin, String campaignId) {
        Object sales = admin.request()
                .get("/api/stats/sales?granularity=month")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .get();
        Map<String, Object> ledger = new HashMap<>(admin.request()
                .get("/api/admin/ledger/check")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap(""));
        ledger.remove("checkedAt");
        JsonPath campaign = CampaignSteps.campaign(campaignId);
        return new Figures(sales, ledger, List.of(campaign.get("totalFunded") + "", campaign.get("participants") + ""));
    }

    private void replayAndExpectNoDifference(Member admin, String projection) {
        await().atMost(Duration.ofMinutes(2))
                .until(() -> admin.request()
                                .post("/api/admin/projections/" + projection + "/replay")
                                .statusCode()
                        == 202);
        await().atMost(Duration.ofMinutes(3))
                .untilAsserted(() -> admin.request()
                        .get("/api/admin/projections/" + projection + "/replay")
                        .then()
                        .body("state", equalTo("COMPLETED"))
                        .body("differenceCount", equalTo(0)));
    }

    private boolean receiptSignatureVerifies(JsonPath receipt) {
        String publicKey = client().get("/.well-known/hindsight/keys")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("keys.find { it.keyId == '" + receipt.getString("keyId") + "' }.publicKey");
        Base64.Decoder base64 = Base64.getDecoder();
        return SigningKey.verifies(
                base64.decode(publicKey),
                base64.decode(receipt.getString("statement")),
                base64.decode(receipt.getString("signature")));
    }

    private List<String> tablesHolding(String value) {
        return StoredCopies.tablesHolding(jdbc, value);
    }

    private List<String> redisHolding(String value) {
        return StoredCopies.redisKeysHolding(redis, value);
    }
}
