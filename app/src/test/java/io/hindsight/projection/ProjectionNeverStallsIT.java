package io.hindsight.projection;

import static io.hindsight.support.Api.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.hindsight.account.api.AccountId;
import io.hindsight.account.api.AccountSignedUp;
import io.hindsight.account.api.ProfileFields;
import io.hindsight.account.api.Role;
import io.hindsight.account.api.SignUpMethod;
import io.hindsight.shop.ShopSteps;
import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.Projections;
import io.hindsight.support.StoredEvents;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One event that the database refuses to store must not stall a projection: its batch is retried event by
 * event, the refused event is parked with its error, and every other event is applied.
 */
class ProjectionNeverStallsIT extends IntegrationTest {

    @Autowired
    EventStore eventStore;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anEventTheDatabaseRefusesIsParkedAndEveryOtherEventOfItsBatchIsApplied() {
        Member admin = api.admin();
        jdbc.sql("ALTER TABLE account_view ADD CONSTRAINT refuses_rejected_names CHECK (name NOT LIKE '%REJECTED%')")
                .update();
        try {
            StreamingEventProcessor accounts = processing
                    .eventProcessor("accounts", StreamingEventProcessor.class)
                    .orElseThrow();
            accounts.shutDown();
            Member before = api.signUp("Before The Refused");
            Member refused = api.signUp(uniqueEmail("refused"), "password-1", "Is REJECTED Here", null);
            Member after = api.signUp("After The Refused");
            accounts.start();

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> letterOf(admin, refused.accountId()).isPresent());
            Projections.awaitAllCaughtUp(admin);
            assertThat(letterOf(admin, refused.accountId())
                            .orElseThrow()
                            .get("causeMessage")
                            .toString())
                    .contains("refuses_rejected_names");
            assertThat(storedName(before.accountId())).contains("Before The Refused");
            assertThat(storedName(after.accountId())).contains("After The Refused");
            assertThat(storedName(refused.accountId())).isEmpty();

            jdbc.sql("ALTER TABLE account_view DROP CONSTRAINT refuses_rejected_names")
                    .update();
            admin.request()
                    .post("/api/admin/dead-letters/"
                            + letterOf(admin, refused.accountId()).orElseThrow().get("id") + "/retry")
                    .then()
                    .statusCode(200)
                    .body("succeeded", equalTo(true));
            assertThat(storedName(refused.accountId())).contains("Is REJECTED Here");
            assertThat(letterOf(admin, refused.accountId())).isEmpty();
            Projections.awaitAllCaughtUp(admin);
        } finally {
            jdbc.sql("ALTER TABLE account_view DROP CONSTRAINT IF EXISTS refuses_rejected_names")
                    .update();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aNulCharacterInAStoredEventIsParkedInsteadOfStallingTheAccountsAndSkippedByAReplay() {
        Member admin = api.admin();
        String poisoned = UUID.randomUUID().toString();
        eventStore.publish(new GenericDomainEventMessage<>(
                "Account",
                poisoned,
                0,
                new AccountSignedUp(
                        AccountId.of(poisoned),
                        uniqueEmail("nul"),
                        new ProfileFields("Nul\u0000Name", null, null),
                        Set.of(Role.MEMBER),
                        SignUpMethod.PASSWORD,
                        null)));
        Member later = api.signUp("Signed Up After The Nul");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> letterOf(admin, poisoned).isPresent());
        Projections.awaitAllCaughtUp(admin);
        admin.request()
                .queryParam("keyword", "Signed Up After The Nul")
                .get("/api/admin/users")
                .then()
                .statusCode(200)
                .body("items.accountId", org.hamcrest.Matchers.hasItem(later.accountId()));

        admin.request()
                .delete("/api/admin/dead-letters/"
                        + letterOf(admin, poisoned).orElseThrow().get("id"))
                .then()
                .statusCode(204);
        assertThat(letterOf(admin, poisoned)).isEmpty();
    }

    @Test
    void aLiveRowThatMissedAnEventOfItsAggregateFoldsItFromTheStoreWithTheNextOne() {
        Member admin = api.admin();
        String tea = ShopSteps.createProduct(admin, ShopSteps.uniqueName("Catch Up Tea"), 3000);
        String cake = ShopSteps.createProduct(admin, ShopSteps.uniqueName("Catch Up Cake"), 5500);
        String scone = ShopSteps.createProduct(admin, ShopSteps.uniqueName("Catch Up Scone"), 2500);
        Member buyer = api.signUp("Catch Up Buyer");
        String cart = ShopSteps.added(buyer, tea, 1);
        StoredCart opened = awaitStoredCart(cart, -1);
        ShopSteps.added(buyer, cake, 1);
        awaitStoredCart(cart, opened.lastSequence());

        jdbc.sql("UPDATE shop_cart_view SET view = CAST(:view AS jsonb), last_sequence = :sequence"
                        + " WHERE aggregate_id = :id")
                .param("view", opened.view())
                .param("sequence", opened.lastSequence())
                .param("id", cart)
                .update();
        ShopSteps.added(buyer, scone, 1);

        StoredCart caughtUp = awaitStoredCart(cart, opened.lastSequence() + 1);
        assertThat(caughtUp.view()).contains(tea).contains(cake).contains(scone);
    }

    @Test
    void aReplaySkipsAnEventThatNoLongerDeserializesAndCompletes() {
        Member admin = api.admin();
        String product = ShopSteps.createProduct(admin, ShopSteps.uniqueName("Undeserializable Tea"), 3000);
        Projections.awaitAllCaughtUp(admin);
        Map<String, Object> stored = jdbc.sql("SELECT global_index, payload FROM domain_event_entry"
                        + " WHERE aggregate_identifier = :id AND sequence_number = 0")
                .param("id", product)
                .query()
                .singleRow();
        long position = ((Number) stored.get("global_index")).longValue();
        // Chained first, so the evidence chain holds the real bytes that are put back below.
        new StoredEvents(jdbc).awaitChained(position);
        new StoredEvents(jdbc)
                .overwritePayload(position, "{\"broken".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try {
            var replay = Projections.replay(admin, "shop-products");
            assertThat(replay.getString("state")).isEqualTo("COMPLETED");
            assertThat(replay.getList("skipped.aggregateId", String.class)).contains(product);
        } finally {
            new StoredEvents(jdbc).overwritePayload(position, (byte[]) stored.get("payload"));
        }
        var repaired = Projections.replay(admin, "shop-products");
        assertThat(repaired.getString("state")).isEqualTo("COMPLETED");
        assertThat(repaired.getList("skipped.aggregateId", String.class)).doesNotContain(product);
        admin.request().get("/api/products/" + product).then().statusCode(200);
        Projections.awaitAllCaughtUp(admin);
    }

    private StoredCart awaitStoredCart(String cartId, long after) {
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> jdbc.sql("SELECT view::text AS view, last_sequence FROM shop_cart_view"
                                        + " WHERE aggregate_id = :id AND last_sequence > :after")
                                .param("id", cartId)
                                .param("after", after)
                                .query((rs, n) -> new StoredCart(rs.getString("view"), rs.getLong("last_sequence")))
                                .optional(),
                        java.util.Optional::isPresent)
                .orElseThrow();
    }

    private record StoredCart(String view, long lastSequence) {}

    private static java.util.Optional<Map<String, Object>> letterOf(Member admin, String aggregateId) {
        List<Map<String, Object>> letters = admin.request()
                .queryParam("projection", "accounts")
                .queryParam("limit", 1000)
                .get("/api/admin/dead-letters")
                .then()
                .statusCode(200)
                .extract()
                .path("items");
        return letters.stream()
                .filter(l -> aggregateId.equals(l.get("aggregateId")))
                .findFirst();
    }

    private java.util.Optional<String> storedName(String accountId) {
        return jdbc.sql("SELECT name FROM account_view WHERE aggregate_id = :id")
                .param("id", accountId)
                .query(String.class)
                .optional();
    }
}
