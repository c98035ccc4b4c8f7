package io.hindsight.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.hindsight.account.Account;
import io.hindsight.booking.BookingApi;
import io.hindsight.funding.CampaignSteps;
import io.hindsight.shop.ShopSteps;
import io.hindsight.snack.SnackCalls;
import io.hindsight.store.StoreSteps;
import io.hindsight.store.StoreSteps.Merchant;
import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.AggregateConfiguration;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A snapshot of any aggregate, written and read back by the snapshot serializer, is the same aggregate as its
 * events make it, field by field: every aggregate type, each in a state reached through the API.
 */
class AggregateSnapshotsIT extends IntegrationTest {

    @Autowired
    Configuration axon;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventStorageEngine storage;

    @Value("${hindsight.jwt.secret}")
    String clusterSecret;

    SealedSnapshots seals;

    @BeforeEach
    void sealsOfThisCluster() {
        seals = new SealedSnapshots(clusterSecret, List.of());
    }

    @Test
    void canSnapshotEveryAggregateAndReadItBackAsItsEventsMakeIt() {
        long from = jdbc.sql("SELECT coalesce(max(global_index), 0) FROM domain_event_entry")
                .query(Long.class)
                .single();
        everyAggregateTypeThroughTheApi();

        Serializer snapshots = AggregateSnapshotConfiguration.aggregateSnapshotSerializer();
        Map<String, String> checked = new TreeMap<>();
        for (AggregateConfiguration<?> aggregate : axon.findModules(AggregateConfiguration.class)) {
            Class<?> type = aggregate.aggregateType();
            Optional<String> id = busiestSince(from, type.getSimpleName());
            assertThat(id)
                    .as("an aggregate of type %s made by this test", type.getSimpleName())
                    .isPresent();
            Object fromEvents = loadedFromEvents(aggregate, id.get());

            SerializedObject<byte[]> snapshot = snapshots.serialize(fromEvents, byte[].class);
            Object readBack = snapshots.deserialize(snapshot);

            assertThat(snapshot.getType().getRevision())
                    .as("revision of %s", type)
                    .isEqualTo(type.getAnnotation(Revision.class).value());
            String json = new String(snapshot.getData(), StandardCharsets.UTF_8);
            assertThat(readBack)
                    .as("%s %s from its snapshot %s", type.getSimpleName(), id.get(), json)
                    .usingRecursiveComparison()
                    .withEqualsForType(Object::equals, Map.class)
                    .isEqualTo(fromEvents);
            assertThat(new String(snapshots.serialize(readBack, byte[].class).getData(), StandardCharsets.UTF_8))
                    .isEqualTo(json);
            checked.put(type.getSimpleName(), json);
        }
        assertThat(checked.keySet())
                .containsAll(new TreeSet<>(List.of(
                        "Account",
                        "Campaign",
                        "Cart",
                        "Coupon",
                        "LedgerAccount",
                        "LedgerTransfer",
                        "Product",
                        "Receipt",
                        "Slot",
                        "Snack",
                        "SnackOrder",
                        "SnackReaction",
                        "Space",
                        "Store",
                        "StoreOrder")));
    }

    /**
     * A stored snapshot of another revision, or one the aggregate's class cannot read, is passed over: commands to
     * the aggregate are decided on its events, never on the snapshot and never refused with a 500.
     */
    @Test
    void cannotLetAStaleOrUnreadableSnapshotDecideACommand() {
        Member member = api.signUp("Snapshot Stale");
        String id = member.accountId();
        String json = accountJson(id);
        String planted = json.replace("\"resigned\":false", "\"resigned\":true");
        assertThat(planted).isNotEqualTo(json);

        for (List<String> snapshot : List.of(
                List.of("0", planted),
                List.of("1", planted.replace("\"resigned\"", "\"quit\"")),
                List.of("1", "{\"accountId\":"),
                List.of("1", "\u00ff not json"))) {
            plantSnapshot(id, snapshot.get(0), snapshot.get(1), Seal.OF_THESE_BYTES);
            assertThat(storage.readSnapshot(id)).as("snapshot %s", snapshot).isEmpty();
            String name =
                    "Decided On Events " + snapshot.get(0) + snapshot.get(1).length();
            member.request()
                    .body(Map.of("name", name))
                    .patch("/api/me")
                    .then()
                    .statusCode(200)
                    .body("name", equalTo(name));
        }
        plantSnapshot(id, "1", planted, Seal.OF_THESE_BYTES);
        assertThat(storage.readSnapshot(id))
                .as("a readable, sealed snapshot of the revision is used")
                .isPresent();
        member.request()
                .body(Map.of("name", "Resigned By A Snapshot"))
                .patch("/api/me")
                .then()
                .statusCode(409)
                .body("code", equalTo("ACCOUNT_RESIGNED"));
        jdbc.sql("DELETE FROM snapshot_event_entry WHERE aggregate_identifier = :id")
                .param("id", id)
                .update();
    }

    /**
     * Snapshots are not chained as events are, and a command decides on its aggregate's latest one: a snapshot written
     * or edited in the database - without the cluster's key, which lives outside it - is passed over, and the command
     * is decided on the events.
     */
    @Test
    void cannotLetASnapshotForgedInTheDatabaseDecideACommand() {
        Member member = api.signUp("Snapshot Forged");
        String id = member.accountId();
        String json = accountJson(id);
        String forged = json.replace("\"resigned\":false", "\"resigned\":true");

        for (Seal seal : List.of(Seal.NONE, Seal.OF_THE_HONEST_BYTES, Seal.OF_THESE_BYTES_UNDER_ANOTHER_SECRET)) {
            plantSnapshot(id, "1", forged, seal);
            assertThat(storage.readSnapshot(id))
                    .as("a snapshot sealed %s", seal)
                    .isEmpty();
            member.request()
                    .body(Map.of("name", "Decided On Events " + seal))
                    .patch("/api/me")
                    .then()
                    .statusCode(200)
                    .body("name", equalTo("Decided On Events " + seal));
        }

        // the node's own snapshots are sealed and read back
        storage.storeSnapshot(new GenericDomainEventMessage<>(
                Account.class.getSimpleName(),
                id,
                lastSequenceOf(id),
                loadedFromEvents(axon.aggregateConfiguration(Account.class), id)));
        assertThat(storage.readSnapshot(id)).as("a snapshot the node took").isPresent();
        jdbc.sql("DELETE FROM snapshot_event_entry WHERE aggregate_identifier = :id")
                .param("id", id)
                .update();
    }

    private String accountJson(String id) {
        Object account = loadedFromEvents(axon.aggregateConfiguration(Account.class), id);
        Serializer snapshots = AggregateSnapshotConfiguration.aggregateSnapshotSerializer();
        return new String(snapshots.serialize(account, byte[].class).getData(), StandardCharsets.UTF_8);
    }

    private long lastSequenceOf(String id) {
        return jdbc.sql("SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = :id")
                .param("id", id)
                .query(Long.class)
                .single();
    }

    /** How a planted snapshot is sealed. */
    private enum Seal {
        /** As this cluster seals its own: the planted bytes pass as the node's. */
        OF_THESE_BYTES,
        NONE,
        /** The seal of the snapshot the events make, on edited bytes. */
        OF_THE_HONEST_BYTES,
        OF_THESE_BYTES_UNDER_ANOTHER_SECRET
    }

    private void plantSnapshot(String id, String revision, String payload, Seal seal) {
        jdbc.sql("DELETE FROM snapshot_event_entry WHERE aggregate_identifier = :id")
                .param("id", id)
                .update();
        long sequence = lastSequenceOf(id);
        String type = Account.class.getSimpleName();
        String payloadType = Account.class.getName();
        String sealed = switch (seal) {
            case NONE -> null;
            case OF_THESE_BYTES ->
                seals.seal(id, sequence, type, payloadType, revision, payload.getBytes(StandardCharsets.UTF_8));
            case OF_THE_HONEST_BYTES ->
                seals.seal(
                        id,
                        sequence,
                        type,
                        payloadType,
                        revision,
                        accountJson(id).getBytes(StandardCharsets.UTF_8));
            case OF_THESE_BYTES_UNDER_ANOTHER_SECRET ->
                new SealedSnapshots(clusterSecret + "!", List.of())
                        .seal(id, sequence, type, payloadType, revision, payload.getBytes(StandardCharsets.UTF_8));
        };
        jdbc.sql("""
                        INSERT INTO snapshot_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                            meta_data, payload, payload_revision, payload_type, time_stamp)
                        SELECT aggregate_identifier, sequence_number, :type, gen_random_uuid()::text,
                            convert_to(:metaData, 'UTF8'), convert_to(:payload, 'UTF8'), :revision, :payloadType,
                            time_stamp
                        FROM domain_event_entry WHERE aggregate_identifier = :id AND sequence_number = :sequence""")
                .param("id", id)
                .param("sequence", sequence)
                .param("type", type)
                .param("metaData", sealed == null ? "{}" : "{\"" + SealedSnapshots.SEAL + "\":\"" + sealed + "\"}")
                .param("payload", payload)
                .param("revision", revision)
                .param("payloadType", payloadType)
                .update();
        context.getBean("aggregateCache." + Account.class.getName(), Cache.class)
                .remove(id);
    }

    private void everyAggregateTypeThroughTheApi() {
        Member admin = api.admin();
        Member member = api.withWallet(api.signUp("Snapshot Member"), 500_000);
        member.request()
                .body(Map.of("name", "Snapshot Member Renamed", "gender", "FEMALE"))
                .patch("/api/me");

        String product = ShopSteps.createProduct(admin, ShopSteps.uniqueName("Snapshot tea"), 3_000);
        ShopSteps.checkedOut(member, ShopSteps.added(member, product, 2));

        Merchant merchant = StoreSteps.openStore("Snapshot Cafe");
        String latte = StoreSteps.menu(merchant, "Latte", 4_500);
        String orderId =
                StoreSteps.ordered(member, merchant.storeId(), latte, 2, 0).getString("orderId");
        StoreSteps.pay(orderId, 9_000);
        String gift = StoreSteps.gift(
                        member, api.signUp("Snapshot Friend"), merchant, latte, "A snapshot of friendship")
                .then()
                .statusCode(201)
                .extract()
                .path("orderId");
        StoreSteps.pay(gift, 4_500);

        Member host = api.withRoles("Snapshot Host", "HOST");
        String spaceId = BookingApi.registerSpace(host);
        member.request().put("/api/spaces/" + spaceId + "/like").then().statusCode(200);
        BookingApi.booked(member, spaceId, BookingApi.inDays(21), "DAY");

        String snack = SnackCalls.registered(admin, "Snapshot chips");
        SnackCalls.react(member, snack, "LIKE").then().statusCode(200);
        SnackCalls.ordered(member, snack, 3);

        String campaignId = CampaignSteps.createCampaign(
                api.withRoles("Snapshot Publisher", "PUBLISHER"), "Snapshot fund", 90_000, 9_000);
        CampaignSteps.fund(member, campaignId).then().statusCode(201);
    }

    private Optional<String> busiestSince(long from, String type) {
        return jdbc.sql("""
                        SELECT aggregate_identifier FROM domain_event_entry WHERE global_index > :from AND type = :type
                        GROUP BY aggregate_identifier ORDER BY count(*) DESC, aggregate_identifier LIMIT 1""")
                .param("from", from)
                .param("type", type)
                .query(String.class)
                .optional();
    }

    /** The aggregate as its events make it: neither from this node's cache nor from an earlier snapshot. */
    private Object loadedFromEvents(AggregateConfiguration<?> aggregate, String id) {
        context.getBean("aggregateCache." + aggregate.aggregateType().getName(), Cache.class)
                .remove(id);
        jdbc.sql("DELETE FROM snapshot_event_entry WHERE aggregate_identifier = :id")
                .param("id", id)
                .update();
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            return aggregate.repository().load(id).invoke(Function.identity());
        } finally {
            unitOfWork.rollback();
        }
    }
}
