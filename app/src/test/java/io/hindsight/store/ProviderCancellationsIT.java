package io.hindsight.store;

import static io.hindsight.store.StoreSteps.awaitCancelledAtProvider;
import static io.hindsight.store.StoreSteps.awaitPoints;
import static io.hindsight.store.StoreSteps.grantPoints;
import static io.hindsight.store.StoreSteps.menu;
import static io.hindsight.store.StoreSteps.openStore;
import static io.hindsight.store.StoreSteps.orderOf;
import static io.hindsight.store.StoreSteps.ordered;
import static io.hindsight.store.StoreSteps.pay;
import static io.hindsight.store.StoreSteps.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.hindsight.ledger.LedgerSteps;
import io.hindsight.platform.axon.DeadlineProperties;
import io.hindsight.store.StoreSteps.Merchant;
import io.hindsight.support.Api.Member;
import io.hindsight.support.FakePortOne;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.Projections;
import io.hindsight.support.SharedSecondNode;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Payments PortOne cancels after they placed an order (a refund from its console, a chargeback), in full or in part,
 * cancellations PortOne refuses, and an ADMIN ending an accepted order: order status, the payments list, points,
 * the store's wallet and the ledger. A second command node runs deadlines too, as in a deployment: whichever node
 * asks PortOne again, it asks at the same interval.
 */
class ProviderCancellationsIT extends IntegrationTest {

    @Autowired
    StoreProperties stores;

    @Autowired
    DeadlineProperties deadlines;

    @RegisterExtension
    static final SharedSecondNode secondNode = new SharedSecondNode("hindsight.roles=command");

    @AfterEach
    void ledgerHolds() {
        FakePortOne.mode(FakePortOne.Mode.UP);
        LedgerSteps.assertLedgerHolds(api.admin());
    }

    /** A placed order with 100 points spent and 2,900 paid at PortOne. */
    private record Paid(Merchant merchant, Member customer, String orderId, String impUid) {}

    private Paid placedOrder(String name) {
        Merchant merchant = openStore(name);
        String toast = menu(merchant, "Toast", 3_000);
        Member customer = api.signUp(name + " Customer");
        grantPoints(api.admin(), customer, 100, "Welcome");
        JsonPath created = ordered(customer, merchant.storeId(), toast, 1, 100);
        assertThat(created.getLong("amountDue")).isEqualTo(2_900);
        String orderId = created.getString("orderId");
        String impUid = pay(orderId, 2_900);
        assertThat(orderOf(customer, orderId).getString("status")).isEqualTo("PLACED");
        return new Paid(merchant, customer, orderId, impUid);
    }

    /** PortOne's console cancels the payment and PortOne tells us, twice: decided once, the second a duplicate. */
    private static void cancelledAtPortOne(Paid order) {
        FakePortOne.cancelledAtConsole(order.impUid());
        webhook(order.impUid(), order.orderId(), "cancelled")
                .then()
                .statusCode(200)
                .body("outcome", equalTo("CANCELLED"));
        webhook(order.impUid(), order.orderId(), "cancelled")
                .then()
                .statusCode(200)
                .body("outcome", equalTo("DUPLICATE"));
    }

    private static void accept(Paid order) {
        order.merchant()
                .request()
                .post("/api/store-orders/" + order.orderId() + "/accept")
                .then()
                .statusCode(200)
                .body("status", equalTo("ACCEPTED"));
    }

    private static void cannot(Paid order, String action) {
        order.merchant()
                .request()
                .post("/api/store-orders/" + order.orderId() + "/" + action)
                .then()
                .statusCode(409)
                .body("code", equalTo("INVALID_TRANSITION"));
    }

    private static JsonPath awaitOutcomes(Member reader, String orderId, String... outcomes) {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(orderOf(reader, orderId).getList("payments.outcome"))
                        .containsExactly((Object[]) outcomes));
        return orderOf(reader, orderId);
    }

    private void awaitStoreBalance(Merchant merchant, long balance) {
        Projections.awaitAllCaughtUp(api.admin());
        merchant.request()
                .get("/api/stores/" + merchant.storeId() + "/wallet")
                .then()
                .statusCode(200)
                .body("balance", equalTo((int) balance));
    }

    @Test
    void aPaymentCancelledAtPortOneEndsAPlacedOrderAndReleasesItsPoints() {
        Paid order = placedOrder("Console Refund Cafe");
        awaitPoints(order.customer(), 0, 100);
        try (SseClient storeStream = SseClient.connect(
                port,
                "/api/stores/" + order.merchant().storeId() + "/orders/stream",
                order.merchant().member().accessToken(),
                null)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> storeStream.status() == 200);

            cancelledAtPortOne(order);

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> storeStream.types().contains("ORDER_PAYMENT_CANCELLED"));
            SseClient.Event told = storeStream.events().stream()
                    .filter(event -> event.type().equals("ORDER_PAYMENT_CANCELLED"))
                    .findFirst()
                    .orElseThrow();
            assertThat(told.data().path("orderId").asText()).isEqualTo(order.orderId());
            assertThat(told.data().path("orderEnded").asBoolean()).isTrue();
        }
        JsonPath view = awaitOutcomes(order.customer(), order.orderId(), "PLACED", "CANCELLED_AT_PROVIDER");
        assertThat(view.getString("status")).isEqualTo("REFUSED");
        assertThat(view.getString("reason")).contains("cancelled");
        assertThat(view.getString("payments[1].providerStatus")).isEqualTo("CANCELLED");
        awaitPoints(order.customer(), 100, 0);
        cannot(order, "accept");
        cannot(order, "complete");
        assertThat(FakePortOne.cancelRequests(order.impUid())).isZero();
        awaitStoreBalance(order.merchant(), 0);
    }

    @Test
    void aPaymentCancelledAtPortOneAfterAcceptanceEndsTheOrderAndGivesBackTheSpentPoints() {
        Paid order = placedOrder("Chargeback Cafe");
        accept(order);
        awaitPoints(order.customer(), 0, 0);

        cancelledAtPortOne(order);

        awaitPoints(order.customer(), 100, 0);
        JsonPath points = StoreSteps.points(order.customer());
        assertThat(points.getList("history.kind"))
                .containsExactly("STORE_ORDER_POINTS_RETURNED", "STORE_ORDER_POINTS", "POINTS_GRANTED");
        assertThat(points.getList("history.amount", Long.class)).containsExactly(100L, -100L, 100L);
        assertThat(points.getString("history[0].orderId")).isEqualTo(order.orderId());
        assertThat(orderOf(order.customer(), order.orderId()).getString("status"))
                .isEqualTo("REFUSED");
        cannot(order, "complete");
        awaitStoreBalance(order.merchant(), 0);
    }

    @Test
    void aPartlyCancelledPaymentEndsTheOrderAndTheRestIsCancelled() {
        Paid order = placedOrder("Partial Refund Cafe");
        accept(order);

        FakePortOne.partlyCancelledAtConsole(order.impUid(), 1_000);
        webhook(order.impUid(), order.orderId(), "paid").then().statusCode(200).body("outcome", equalTo("CANCELLED"));

        awaitCancelledAtProvider(order.impUid());
        JsonPath view =
                awaitOutcomes(order.customer(), order.orderId(), "PLACED", "CANCELLED_AT_PROVIDER", "CANCELLED");
        assertThat(view.getString("status")).isEqualTo("REFUSED");
        assertThat(view.getLong("payments[1].amount")).isEqualTo(1_000);
        assertThat(view.getString("payments[1].providerStatus")).isEqualTo("PAID");
        assertThat(view.getLong("payments[2].amount")).isEqualTo(1_900);
        assertThat(FakePortOne.cancelRequests(order.impUid())).isEqualTo(1);
        webhook(order.impUid(), order.orderId(), "cancelled")
                .then()
                .statusCode(200)
                .body("outcome", equalTo("DUPLICATE"));
        awaitPoints(order.customer(), 100, 0);
        cannot(order, "complete");
    }

    @Test
    void aPartlyCancelledPaymentCannotPlaceAnOrder() {
        Merchant merchant = openStore("Half Paid Cafe");
        String toast = menu(merchant, "Toast", 2_900);
        Member customer = api.signUp("Half Payer");
        String orderId = ordered(customer, merchant.storeId(), toast, 1, 0).getString("orderId");
        String impUid = FakePortOne.paid(orderId, 2_900);
        FakePortOne.partlyCancelledAtConsole(impUid, 900);

        webhook(impUid, orderId, "paid").then().statusCode(200).body("outcome", equalTo("REFUSED"));
        awaitCancelledAtProvider(impUid);
        JsonPath view = awaitOutcomes(customer, orderId, "REFUSED_TO_CANCEL", "CANCELLED");
        assertThat(view.getString("status")).isEqualTo("REFUSED");
        assertThat(view.getString("reason")).contains("900 of the 2900 paid cancelled");
    }

    /** The store was paid and the order served: nothing is reversed by itself, but it shows on the order. */
    @Test
    void aPaymentCancelledAtPortOneAfterCompletionIsRecordedNotReversed() {
        Paid order = placedOrder("Served Cafe");
        accept(order);
        order.merchant()
                .request()
                .post("/api/store-orders/" + order.orderId() + "/complete")
                .then()
                .statusCode(200);
        awaitStoreBalance(order.merchant(), 2_900);

        cancelledAtPortOne(order);

        JsonPath view = awaitOutcomes(api.admin(), order.orderId(), "PLACED", "CANCELLED_AT_PROVIDER");
        assertThat(view.getString("status")).isEqualTo("COMPLETED");
        awaitStoreBalance(order.merchant(), 2_900);
        awaitPoints(order.customer(), 29, 0);
        assertThat(FakePortOne.cancelRequests(order.impUid())).isZero();
    }

    /**
     * A resigned or demoted merchant's accepted orders had no way out: the ADMIN rejects them, the payment is
     * cancelled and the points spent at acceptance are given back, once.
     */
    @Test
    void anAdminCanRejectAnAcceptedOrderRefundingItAndGivingBackItsPoints() {
        Paid order = placedOrder("Accepted Then Gone");
        accept(order);
        cannot(order, "reject");
        order.merchant().request().delete("/api/me").then().statusCode(204);

        for (int i = 0; i < 2; i++) {
            api.admin()
                    .request()
                    .body(Map.of("reason", "The merchant has left"))
                    .post("/api/store-orders/" + order.orderId() + "/reject")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("REJECTED"));
        }
        awaitCancelledAtProvider(order.impUid());
        awaitPoints(order.customer(), 100, 0);
        assertThat(StoreSteps.points(order.customer()).getList("history.kind"))
                .containsExactly("STORE_ORDER_POINTS_RETURNED", "STORE_ORDER_POINTS", "POINTS_GRANTED");
        awaitOutcomes(order.customer(), order.orderId(), "PLACED", "CANCELLED");
        assertThat(FakePortOne.cancelRequests(order.impUid())).isEqualTo(1);
        // PortOne's notification of our own cancel is old news
        webhook(order.impUid(), order.orderId(), "cancelled")
                .then()
                .statusCode(200)
                .body("outcome", equalTo("DUPLICATE"));
    }

    /** Both end the order; the points come back exactly once whichever comes first. */
    @Test
    void anAdminRejectRacingPortOnesCancellationGivesThePointsBackOnce() throws Exception {
        Paid order = placedOrder("Racing Refunds");
        accept(order);
        FakePortOne.cancelledAtConsole(order.impUid());
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService both = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> reject = both.submit(() -> {
                go.await();
                return api.admin()
                        .request()
                        .post("/api/store-orders/" + order.orderId() + "/reject")
                        .statusCode();
            });
            Future<String> notified = both.submit(() -> {
                go.await();
                return webhook(order.impUid(), order.orderId(), "cancelled").path("outcome");
            });
            go.countDown();
            int rejected = reject.get(30, TimeUnit.SECONDS);
            String outcome = notified.get(30, TimeUnit.SECONDS);
            // the loser finds the order ended: a reject after the cancellation is a wrong state, a cancellation after
            // the reject is old news
            assertThat(rejected + "/" + outcome).isIn("200/DUPLICATE", "409/CANCELLED");
        } finally {
            both.shutdownNow();
        }
        awaitPoints(order.customer(), 100, 0);
        assertThat(StoreSteps.points(order.customer()).getList("history.kind"))
                .containsExactly("STORE_ORDER_POINTS_RETURNED", "STORE_ORDER_POINTS", "POINTS_GRANTED");
    }

    /**
     * The second node had run deadlines with the production defaults: a refused cancellation it picked up was asked
     * again five minutes later instead of a second, past what the test below waits.
     */
    @Test
    void everyNodeRunsDeadlinesAsTunedForTheTests() {
        assertThat(secondNode.bean(StoreProperties.class)).isEqualTo(stores);
        assertThat(secondNode.bean(DeadlineProperties.class)).isEqualTo(deadlines);
    }

    /**
     * PortOne, up, refusing a cancellation had been taken for an outage: retried ever more rarely, and shown nowhere.
     * The refusal is on the order, with PortOne's words, once; the cancel is asked again at a bounded interval.
     */
    @Test
    void aCancellationPortOneRefusesIsShownAndAskedAgain() {
        Paid order = placedOrder("Refusing Refunds");
        FakePortOne.refuseCancels(order.impUid(), "cancel period over\u0007");
        order.merchant()
                .request()
                .body(Map.of("reason", "Closed early"))
                .post("/api/store-orders/" + order.orderId() + "/reject")
                .then()
                .statusCode(200);

        JsonPath view = awaitOutcomes(order.customer(), order.orderId(), "PLACED", "CANCEL_REFUSED");
        assertThat(view.getString("payments[1].reason")).isEqualTo("cancel period over");
        await().atMost(Duration.ofSeconds(20)).until(() -> FakePortOne.cancelRequests(order.impUid()) >= 3);
        assertThat(orderOf(order.customer(), order.orderId()).getList("payments.outcome"))
                .containsExactly("PLACED", "CANCEL_REFUSED");
        assertThat(FakePortOne.status(order.impUid())).isEqualTo("paid");

        FakePortOne.refuseCancels(order.impUid(), null);
        awaitCancelledAtProvider(order.impUid());
        awaitOutcomes(order.customer(), order.orderId(), "PLACED", "CANCEL_REFUSED", "CANCELLED");
        assertThat(orderOf(order.customer(), order.orderId()).getString("status"))
                .isEqualTo("REJECTED");
    }
}
