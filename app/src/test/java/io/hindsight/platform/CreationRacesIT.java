package io.hindsight.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hindsight.account.api.AccountId;
import io.hindsight.account.api.SocialIdentity;
import io.hindsight.store.StoreSteps;
import io.hindsight.support.Api.Member;
import io.hindsight.support.FakeKakao;
import io.hindsight.support.FakePortOne;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.SharedSecondNode;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two nodes creating (or, for a payment's notification, placing) one aggregate at once, forced to collide: the test holds a row lock that both
 * commands need after they found the aggregate missing, and lets go once both wait on it. One creates
 * the aggregate; the other's append fails on the event store's key, and the command gateway's one retry
 * applies it on top. Without that retry the second request would be a 409.
 */
class CreationRacesIT extends IntegrationTest {

    @RegisterExtension
    static final SharedSecondNode secondNode = new SharedSecondNode("hindsight.roles=command");

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private PlatformTransactionManager transactions;

    @Test
    void canReactTwiceAtOnceOnTwoNodesAsOneReaction() throws Exception {
        Member member = api.signUp("Two Node Reactor");
        String snackId = member.registersSnack("Race");

        List<Response> responses = collidingOn(
                "UPDATE snack_reaction_tally SET likes = likes WHERE snack_id = :key",
                snackId,
                "snack_reaction_tally",
                node -> on(node, member)
                        .body(Map.of("type", node == 0 ? "LIKE" : "HATE"))
                        .put("/api/snacks/" + snackId + "/reaction"));

        assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        assertThat(eventsOf("snack-reaction:" + snackId + ":" + member.accountId()))
                .isEqualTo(2);
        Map<String, Object> tally = jdbc.sql("SELECT likes, hates FROM snack_reaction_tally WHERE snack_id = :id")
                .param("id", snackId)
                .query()
                .singleRow();
        assertThat(((Number) tally.get("likes")).intValue() + ((Number) tally.get("hates")).intValue())
                .isEqualTo(1);
    }

    @Test
    void canAddTwiceAtOnceOnTwoNodesToOneNewCart() throws Exception {
        Member admin = api.admin();
        List<String> products = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            products.add(admin.request()
                    .body(Map.of(
                            "name",
                            "Race product " + UUID.randomUUID(),
                            "price",
                            100 + i,
                            "imageUrl",
                            "https://images.hindsight.test/race-" + i + ".png"))
                    .post("/api/products")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("productId"));
        }
        Member member = api.signUp("Two Node Shopper");

        List<Response> responses = collidingOn(
                "INSERT INTO shop_account_cart (account_id, cart_number, open) VALUES (:key, 1, true)",
                member.accountId(),
                "shop_account_cart",
                node -> on(node, member)
                        .body(Map.of("productId", products.get(node), "quantity", 1))
                        .post("/api/cart/items"));

        String cartId = "cart-" + member.accountId() + "-1";
        assertThat(responses).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.<String>path("cartId")).isEqualTo(cartId);
        });
        assertThat(eventsOf(cartId)).as("opened, and both adds").isEqualTo(3);
    }

    /** PortOne delivering one payment's notification twice at once, to each node: one order placed, once. */
    @Test
    void canTakeOnePaymentsNotificationTwiceAtOnceOnTwoNodesAsOnePlacement() throws Exception {
        StoreSteps.Merchant merchant = StoreSteps.openStore("Twice Notified");
        String latte = StoreSteps.menu(merchant, "Latte", 4_500);
        Member customer = api.signUp("Twice Notified Customer");
        String orderId =
                StoreSteps.ordered(customer, merchant.storeId(), latte, 1, 0).getString("orderId");
        String impUid = FakePortOne.paid(orderId, 4_500);

        List<Response> responses = collidingOn(
                "INSERT INTO store_payment (payment_id, order_id) VALUES (:key, 'held-by-the-test')",
                impUid,
                "store_payment",
                node -> StoreSteps.webhookAt(port(node), impUid, orderId));

        assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        assertThat(responses.stream().map(r -> r.<String>path("outcome")))
                .containsExactlyInAnyOrder("PLACED", "DUPLICATE");
        assertThat(eventsOf(orderId)).as("created, and placed once").isEqualTo(2);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(StoreSteps.orderOf(customer, orderId).getList("statusHistory.status"))
                                .containsExactly("AWAITING_PAYMENT", "PLACED"));
        assertThat(FakePortOne.cancelRequests(impUid)).isZero();
    }

    @Test
    void canLogInSociallyTwiceAtOnceOnTwoNodesIntoOneNewAccount() throws Exception {
        long kakaoId = System.nanoTime();
        FakeKakao.user("race-" + kakaoId, kakaoId, "Racing Friend", null);
        String accountId = AccountId.forSocialIdentity(new SocialIdentity("kakao", Long.toString(kakaoId)))
                .value();

        List<Response> responses = collidingOn(
                "INSERT INTO account_credentials (account_id, roles) VALUES (:key, '')",
                accountId,
                "account_credentials",
                node -> client().port(port(node))
                        .body(Map.of("accessToken", "race-" + kakaoId))
                        .post("/api/auth/social/kakao"));

        assertThat(responses).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.<String>path("accountId")).isEqualTo(accountId);
        });
        assertThat(eventsOf(accountId))
                .as("signed up once, and logged in on each node")
                .isEqualTo(3);
    }

    /**
     * Holds {@code lockSql}'s row lock (rolled back at the end, so it leaves nothing), sends one request to
     * each node, and lets go once both wait on {@code table}.
     */
    private List<Response> collidingOn(
            String lockSql, String key, String table, Function<Integer, Response> requestOnNode) throws Exception {
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<?> holder = pool.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
                jdbc.sql(lockSql).param("key", key).update();
                locked.countDown();
                awaitQuietly(release);
                status.setRollbackOnly();
            }));
            locked.await();
            List<Future<Response>> requests = new ArrayList<>();
            for (int node = 0; node < 2; node++) {
                int n = node;
                requests.add(pool.submit(() -> requestOnNode.apply(n)));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> waitingOn(table) >= 2);
            release.countDown();
            holder.get();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> request : requests) {
                responses.add(request.get());
            }
            return responses;
        } finally {
            release.countDown();
            pool.shutdown();
        }
    }

    private long waitingOn(String table) {
        return jdbc.sql("""
                        SELECT count(*) FROM pg_stat_activity
                        WHERE wait_event_type = 'Lock' AND query ILIKE :table""").param("table", "%" + table + "%").query(Long.class).single();
    }

    private long eventsOf(String aggregateId) {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = :id")
                .param("id", aggregateId)
                .query(Long.class)
                .single();
    }

    private RequestSpecification on(int node, Member member) {
        return member.request().port(port(node));
    }

    private int port(int node) {
        return node == 0 ? port : secondNode.port();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
