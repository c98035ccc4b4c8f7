package io.hindsight.snack;

import static io.hindsight.snack.SnackCalls.createOrder;
import static io.hindsight.snack.SnackCalls.move;
import static io.hindsight.snack.SnackCalls.ordered;
import static io.hindsight.snack.SnackCalls.react;
import static io.hindsight.snack.SnackCalls.register;
import static io.hindsight.snack.SnackCalls.registered;
import static io.hindsight.snack.SnackCalls.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hindsight.snack.api.ReactionType;
import io.hindsight.snack.api.SnackId;
import io.hindsight.snack.guard.SnackCatalog;
import io.hindsight.snack.guard.SnackReactionTally;
import io.hindsight.support.Api.Member;
import io.hindsight.support.HeldTransaction;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.SharedSecondNode;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Conflicting requests released together by a latch: each rule must leave exactly one winner. */
class SnackRacesIT extends IntegrationTest {

    @RegisterExtension
    static final SharedSecondNode secondNode = new SharedSecondNode("hindsight.roles=command");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SnackReactionTally tally;

    @Autowired
    SnackCatalog catalog;

    @Autowired
    PlatformTransactionManager transactions;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void concurrentRegistrationsOfOneNameGiveOneSnack() throws Exception {
        Member member = api.signUp("Racer");
        String name = uniqueName("Race Chips");
        List<Response> responses =
                race(20, i -> register(member, i % 2 == 0 ? name : "  " + name.toUpperCase() + " ", 1000, "KRW"));

        assertThat(responses).filteredOn(r -> r.statusCode() == 201).hasSize(1);
        assertThat(responses)
                .filteredOn(r -> r.statusCode() == 409)
                .hasSize(19)
                .allSatisfy(r -> assertThat(r.<String>path("code")).isEqualTo("SNACK_EXISTS"));
    }

    @Test
    void concurrentOrdersForOneSnackHaveExactlyOneWinner() throws Exception {
        Member owner = api.signUp("Snack Owner");
        String snack = registered(owner, "Contended");
        List<Member> members = members(10, "Orderer");
        List<Response> responses = race(members.size(), i -> createOrder(members.get(i), snack, 1));

        assertThat(responses).filteredOn(r -> r.statusCode() == 201).hasSize(1);
        assertThat(responses)
                .filteredOn(r -> r.statusCode() == 409)
                .hasSize(9)
                .allSatisfy(r -> assertThat(r.<String>path("code")).isEqualTo("SNACK_ALREADY_REQUESTED"));
    }

    @Test
    void overlappingOrdersNeverDeadlockNorShareASnack() throws Exception {
        Member owner = api.signUp("Overlap Owner");
        List<String> snacks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            snacks.add(registered(owner, "Overlap " + i));
        }
        List<Member> members = members(12, "Overlapper");
        Random random = new Random(42);
        List<List<String>> wanted = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            List<String> shuffled = new ArrayList<>(snacks);
            Collections.shuffle(shuffled, random);
            wanted.add(shuffled.subList(0, 2 + random.nextInt(2)));
        }
        List<Response> responses = race(
                members.size(),
                i -> createOrder(
                        members.get(i),
                        wanted.get(i).stream()
                                .flatMap(s -> Stream.<Object>of(s, 1))
                                .toArray()));

        assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isIn(201, 409));
        Set<String> held = new HashSet<>();
        for (int i = 0; i < responses.size(); i++) {
            if (responses.get(i).statusCode() == 201) {
                for (String snack : wanted.get(i)) {
                    assertThat(held.add(snack))
                            .as("snack %s is in two open orders", snack)
                            .isTrue();
                }
            }
        }
        assertThat(held).isNotEmpty();
    }

    @Test
    void manyMembersReactingAtOnceAreAllCounted() throws Exception {
        Member owner = api.signUp("Popular Owner");
        String snack = registered(owner, "Popular");
        List<Member> members = members(16, "Crowd");
        List<Response> responses = race(members.size(), i -> react(members.get(i), snack, i < 10 ? "LIKE" : "HATE"));

        assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        owner.request()
                .delete("/api/snacks/" + snack + "/reaction")
                .then()
                .statusCode(200)
                .body("likes", equalTo(10))
                .body("hates", equalTo(6));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> owner.request()
                        .get("/api/snacks/" + snack)
                        .then()
                        .body("likes", equalTo(10))
                        .body("hates", equalTo(6)));
    }

    @Test
    void oneMembersRacingReactionsCountOnce() throws Exception {
        Member member = api.signUp("Double Clicker");
        String snack = registered(member, "Clicked");
        List<Response> responses = race(8, i -> react(member, snack, "LIKE"));

        assertThat(responses).filteredOn(r -> r.statusCode() == 200).hasSize(1);
        assertThat(responses)
                .filteredOn(r -> r.statusCode() == 409)
                .hasSize(7)
                .allSatisfy(r -> assertThat(r.<String>path("code")).isEqualTo("DUPLICATE_REACTION"));
        api.signUp("Bystander")
                .request()
                .delete("/api/snacks/" + snack + "/reaction")
                .then()
                .body("likes", equalTo(1))
                .body("hates", equalTo(0));
    }

    /**
     * The eight racers above share one node, whose lock on the member's reaction already queues them; across two
     * nodes each loads the member's reaction as none, and only the event store's key on the reaction's next event
     * keeps a second LIKE from counting again. Four racers on each node.
     */
    @Test
    void oneMembersReactionsOnTwoNodesAtOnceCountOnce() throws Exception {
        Member member = api.signUp("Two Node Clicker");
        for (int round = 0; round < 8; round++) {
            String snack = registered(member, "Clicked On Two Nodes " + round);
            List<Response> responses = race(
                    8,
                    i -> member.request()
                            .port(i % 2 == 0 ? port : secondNode.port())
                            .body(Map.of("type", "LIKE"))
                            .put("/api/snacks/" + snack + "/reaction"));

            assertThat(responses)
                    .extracting(Response::statusCode)
                    .as("round %d", round)
                    .containsOnly(200, 409);
            assertThat(responses)
                    .filteredOn(r -> r.statusCode() == 200)
                    .as("round %d", round)
                    .hasSize(1);
            assertThat(responses)
                    .filteredOn(r -> r.statusCode() == 409)
                    .extracting(r -> r.<String>path("code"))
                    .containsOnly("DUPLICATE_REACTION");
            api.signUp("Two Node Bystander " + round)
                    .request()
                    .delete("/api/snacks/" + snack + "/reaction")
                    .then()
                    .statusCode(200)
                    .body("likes", equalTo(1))
                    .body("hates", equalTo(0));
        }
    }

    @Test
    void concurrentMovesOfOneOrderLeaveOneMove() throws Exception {
        Member member = api.signUp("Moved");
        Member admin = api.admin();
        String orderId = ordered(member, registered(member, "Moved Snack"), 1);
        List<Response> responses = race(6, i -> move(admin, orderId, "APPROVED"));

        assertThat(responses).filteredOn(r -> r.statusCode() == 200).hasSize(1);
        assertThat(responses).filteredOn(r -> r.statusCode() == 409).hasSize(5);
        member.request()
                .get("/api/snack-orders/" + orderId)
                .then()
                .body("statusHistory.status", contains("CREATED", "APPROVED"));
    }

    /**
     * An approval racing the hates that make its snack disliked: whatever the outcome, the approval must
     * not come after (in the event store's order) a reaction that left the snack more hated than liked.
     */
    @Test
    void aReactionCannotSlipPastAnApproval() throws Exception {
        Member admin = api.admin();
        Member fan = api.signUp("Race Fan");
        List<Member> haters = members(2, "Race Hater");
        for (int round = 0; round < 6; round++) {
            String snack = registered(fan, "Raced " + round);
            react(fan, snack, "LIKE").then().statusCode(200);
            String orderId = ordered(fan, snack, 1);
            List<Response> responses =
                    race(3, i -> i == 0 ? move(admin, orderId, "APPROVED") : react(haters.get(i - 1), snack, "HATE"));

            assertThat(responses.get(1).statusCode()).isEqualTo(200);
            assertThat(responses.get(2).statusCode()).isEqualTo(200);
            assertThat(responses.get(0).statusCode()).isIn(200, 409);
            if (responses.get(0).statusCode() == 200) {
                assertNotDislikedWhenApproved(orderId, snack);
            } else {
                assertThat(responses.get(0).<String>path("code")).isEqualTo("SNACK_DISLIKED");
            }
        }
    }

    /**
     * A reaction whose transaction has updated the tally but not committed yet: the approval must wait
     * for it and then see it. The test holds exactly that transaction open (the tally update a HATE
     * makes), starts the approval, and lets the reaction commit once PostgreSQL shows the approval
     * waiting on its lock - or once the approval has already answered, which is the bug this catches.
     */
    @Test
    void anApprovalWaitsForAReactionInFlightAndSeesIt() throws Exception {
        Member admin = api.admin();
        Member member = api.signUp("In Flight");
        String snack = registered(member, "In Flight Snack");
        String orderId = ordered(member, snack, 1);
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        CountDownLatch updated = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> reaction = pool.submit(() -> transaction.executeWithoutResult(status -> {
                tally.moveOrRefuse(SnackId.of(snack), null, ReactionType.HATE);
                updated.countDown();
                awaitQuietly(commit);
            }));
            updated.await();
            Future<Response> approval = pool.submit(() -> move(admin, orderId, "APPROVED"));
            await().atMost(Duration.ofSeconds(20)).until(() -> approval.isDone() || waitingOnTheTally() > 0);
            commit.countDown();
            reaction.get();

            approval.get().then().statusCode(409).body("code", equalTo("SNACK_DISLIKED"));
        } finally {
            commit.countDown();
            pool.shutdown();
            transaction.executeWithoutResult(status -> tally.moveOrRefuse(SnackId.of(snack), ReactionType.HATE, null));
        }
    }

    /**
     * A retirement whose transaction has marked the snack but not committed yet: an order for the snack must
     * wait for it and then be refused, not slip in after the retirement with the snack.
     */
    @Test
    void anOrderWaitsForARetirementInFlightAndSeesIt() throws Exception {
        Member member = api.signUp("Late Orderer");
        String snack = registered(member, "Retiring Snack");
        try (HeldTransaction retirement = HeldTransaction.open(transactions, () -> catalog.retire(SnackId.of(snack)))) {
            CompletableFuture<Response> order = CompletableFuture.supplyAsync(() -> createOrder(member, snack, 1));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> order.isDone() || HeldTransaction.lockWaitsOn(jdbc, "snack_registry") > 0);
            retirement.commit();

            order.get().then().statusCode(409).body("code", equalTo("SNACK_RETIRED"));
        }
    }

    @Test
    void anOrderRacingARetirementComesWhollyBeforeIt() throws Exception {
        Member admin = api.admin();
        Member member = api.signUp("Racing Orderer");
        for (int round = 0; round < 6; round++) {
            String snack = registered(member, "Retired In Race " + round);
            List<Response> responses = race(
                    2,
                    i -> i == 0
                            ? admin.request().post("/api/snacks/" + snack + "/retire")
                            : createOrder(member, snack, 1));

            assertThat(responses.get(0).statusCode()).isEqualTo(200);
            if (responses.get(1).statusCode() == 201) {
                assertThat(globalIndexOf(responses.get(1).path("orderId"), "SnackOrderCreated"))
                        .isLessThan(globalIndexOf(snack, "SnackRetired"));
            } else {
                responses.get(1).then().statusCode(409).body("code", equalTo("SNACK_RETIRED"));
            }
        }
    }

    private long globalIndexOf(String aggregateId, String eventType) {
        return jdbc.sql("""
                        SELECT global_index FROM domain_event_entry
                        WHERE aggregate_identifier = :id AND payload_type LIKE :type""")
                .param("id", aggregateId)
                .param("type", "%." + eventType)
                .query(Long.class)
                .single();
    }

    private long waitingOnTheTally() {
        return jdbc.sql("""
                        SELECT count(*) FROM pg_stat_activity
                        WHERE wait_event_type = 'Lock' AND query ILIKE '%snack_reaction_tally%'""").query(Long.class).single();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void assertNotDislikedWhenApproved(String orderId, String snack) throws Exception {
        long approvedAt = jdbc.sql("""
                        SELECT global_index FROM domain_event_entry
                        WHERE aggregate_identifier = :id AND payload_type LIKE '%SnackOrderApproved'""").param("id", orderId).query(Long.class).single();
        List<byte[]> before = jdbc.sql("""
                        SELECT payload FROM domain_event_entry
                        WHERE aggregate_identifier LIKE :prefix AND global_index < :approvedAt ORDER BY global_index""")
                .param("prefix", "snack-reaction:" + snack + ":%")
                .param("approvedAt", approvedAt)
                .query(byte[].class)
                .list();
        int likes = 0;
        int hates = 0;
        for (byte[] payload : before) {
            JsonNode event = json.readTree(new String(payload, StandardCharsets.UTF_8));
            likes += delta(event, "LIKE");
            hates += delta(event, "HATE");
        }
        assertThat(hates)
                .as("hates recorded before the approval (likes %d)", likes)
                .isLessThanOrEqualTo(likes);
    }

    private static int delta(JsonNode event, String type) {
        return (type.equals(event.path("reaction").asText()) ? 1 : 0)
                - (type.equals(event.path("previous").asText()) ? 1 : 0);
    }

    private List<Member> members(int count, String name) throws Exception {
        return race(count, i -> api.signUp(name + " " + i));
    }

    private static <T> List<T> race(int threads, Function<Integer, T> request) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int n = i;
                Callable<T> call = () -> {
                    start.await();
                    return request.apply(n);
                };
                futures.add(pool.submit(call));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }
}
