package io.hindsight.store;

import static io.hindsight.store.GiftsAndCouponsIT.coupons;
import static io.hindsight.store.GiftsAndCouponsIT.register;
import static io.hindsight.store.GiftsAndCouponsIT.useCoupon;
import static io.hindsight.store.StoreSteps.awaitCancelledAtProvider;
import static io.hindsight.store.StoreSteps.awaitStatus;
import static io.hindsight.store.StoreSteps.menu;
import static io.hindsight.store.StoreSteps.openStore;
import static io.hindsight.store.StoreSteps.orderOf;
import static io.hindsight.store.StoreSteps.pay;
import static io.hindsight.store.StoreSteps.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.hindsight.ledger.LedgerSteps;
import io.hindsight.store.StoreSteps.Merchant;
import io.hindsight.support.Api.Member;
import io.hindsight.support.FakePortOne;
import io.hindsight.support.HeldTransaction;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.Projections;
import io.hindsight.support.SharedSecondNode;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Gifts whose coupon was issued and then cannot stand: PortOne cancels the gift's payment by itself (a refund from
 * its console, a chargeback), or the recipient resigns. An unused coupon is withdrawn and its gift ends at once; an
 * order its coupon placed and that was not served yet is refused; one that was served is only recorded.
 */
class GiftCancellationsIT extends IntegrationTest {

    private static final int RACE_ROUNDS = 9;

    @RegisterExtension
    static final SharedSecondNode secondNode = new SharedSecondNode("hindsight.roles=command");

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private PlatformTransactionManager transactions;

    @AfterEach
    void ledgerHolds() {
        LedgerSteps.assertLedgerHolds(api.admin());
    }

    /** A gift paid at PortOne, its coupon issued to the recipient. */
    private record Gift(
            Merchant merchant, Member giver, Member recipient, String orderId, String impUid, String code) {}

    private Gift paidGift(Merchant merchant, String menuId, long price, Member recipient) {
        Member giver = api.signUp("Giver of " + recipient.accountId().substring(0, 8));
        String orderId = StoreSteps.giftOrder(giver, recipient, merchant, menuId);
        String impUid = pay(orderId, price);
        JsonPath gift = orderOf(giver, orderId);
        assertThat(gift.getString("status")).isEqualTo("GIFTED");
        return new Gift(merchant, giver, recipient, orderId, impUid, gift.getString("gift.couponCode"));
    }

    private static Response cancellation(Gift gift) {
        return webhook(gift.impUid(), gift.orderId(), "cancelled");
    }

    private JsonPath coupon(String code) {
        Projections.awaitAllCaughtUp(api.admin());
        return api.admin()
                .request()
                .get("/api/audit/aggregates/" + code + "/state")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .setRootPath("'store-coupons'");
    }

    private static List<String> couponOrders(Member recipient) {
        return recipient
                .request()
                .get("/api/store-orders")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.findAll { it.kind == 'COUPON' }.orderId");
    }

    private static JsonPath awaitOutcomes(Member reader, String orderId, String... outcomes) {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(orderOf(reader, orderId).getList("payments.outcome"))
                        .containsExactly((Object[]) outcomes));
        return orderOf(reader, orderId);
    }

    @Test
    void aGiftWhosePaymentPortOneCancelsWithdrawsItsUnusedCouponAndEnds() {
        Merchant merchant = openStore("Chargeback Gifts");
        String latte = menu(merchant, "Withdrawn Latte", 4_500);
        Member recipient = api.signUp("Withdrawn Recipient");
        Gift gift = paidGift(merchant, latte, 4_500, recipient);
        register(recipient, gift.code()).then().statusCode(200);
        try (SseClient told = SseClient.connect(port, "/api/me/notifications/stream", recipient.accessToken(), null)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> told.status() == 200);

            FakePortOne.cancelledAtConsole(gift.impUid());
            cancellation(gift).then().statusCode(200).body("outcome", equalTo("CANCELLED"));
            cancellation(gift).then().statusCode(200).body("outcome", equalTo("DUPLICATE"));

            await().atMost(Duration.ofSeconds(10)).until(() -> told.types().contains("COUPON_WITHDRAWN"));
            SseClient.Event withdrawn = told.events().stream()
                    .filter(event -> event.type().equals("COUPON_WITHDRAWN"))
                    .findFirst()
                    .orElseThrow();
            assertThat(withdrawn.data().path("code").asText()).isEqualTo(gift.code());
            assertThat(withdrawn.data().path("reason").asText()).contains("cancelled");
        }
        useCoupon(recipient, gift.code()).then().statusCode(409).body("code", equalTo("COUPON_WITHDRAWN"));
        register(recipient, gift.code()).then().statusCode(409).body("code", equalTo("COUPON_WITHDRAWN"));
        assertThat(couponOrders(recipient)).isEmpty();
        Projections.awaitAllCaughtUp(api.admin());
        Map<String, Object> listed = coupons(recipient).get(0);
        assertThat(listed).containsEntry("status", "WITHDRAWN");
        assertThat((String) listed.get("reason")).contains("cancelled");

        JsonPath order = awaitOutcomes(gift.giver(), gift.orderId(), "PLACED", "CANCELLED_AT_PROVIDER");
        assertThat(order.getString("status")).isEqualTo("REFUSED");
        assertThat(order.getString("reason")).contains("cancelled");
        assertThat(FakePortOne.cancelRequests(gift.impUid())).isZero();
    }

    @Test
    void aPartlyCancelledGiftPaymentWithdrawsTheCouponAndTheRestIsCancelled() {
        Merchant merchant = openStore("Half Refunded Gifts");
        String cake = menu(merchant, "Half Cake", 3_000);
        Gift gift = paidGift(merchant, cake, 3_000, api.signUp("Half Recipient"));

        FakePortOne.partlyCancelledAtConsole(gift.impUid(), 1_000);
        webhook(gift.impUid(), gift.orderId(), "paid").then().statusCode(200).body("outcome", equalTo("CANCELLED"));

        awaitCancelledAtProvider(gift.impUid());
        JsonPath order = awaitOutcomes(gift.giver(), gift.orderId(), "PLACED", "CANCELLED_AT_PROVIDER", "CANCELLED");
        assertThat(order.getString("status")).isEqualTo("REFUSED");
        assertThat(order.getLong("payments[2].amount")).isEqualTo(2_000);
        assertThat(FakePortOne.cancelRequests(gift.impUid())).isEqualTo(1);
        assertThat(coupon(gift.code()).getString("status")).isEqualTo("WITHDRAWN");
        useCoupon(gift.recipient(), gift.code()).then().statusCode(409).body("code", equalTo("COUPON_WITHDRAWN"));
    }

    /** The recipient's order is not served yet: it is refused, and the merchant is told on the store's stream. */
    @Test
    void aGiftPaymentCancelledAfterItsCouponPlacedAnOrderRefusesThatOrder() {
        Merchant merchant = openStore("Unpaid Coupon Orders");
        String tart = menu(merchant, "Unpaid Tart", 3_800);
        Member recipient = api.signUp("Unpaid Recipient");
        Gift gift = paidGift(merchant, tart, 3_800, recipient);
        register(recipient, gift.code()).then().statusCode(200);
        String couponOrder = useCoupon(recipient, gift.code())
                .then()
                .statusCode(201)
                .extract()
                .path("orderId");
        merchant.request()
                .post("/api/store-orders/" + couponOrder + "/accept")
                .then()
                .statusCode(200);
        try (SseClient storeStream = SseClient.connect(
                port,
                "/api/stores/" + merchant.storeId() + "/orders/stream",
                merchant.member().accessToken(),
                null)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> storeStream.status() == 200);

            FakePortOne.cancelledAtConsole(gift.impUid());
            cancellation(gift).then().statusCode(200).body("outcome", equalTo("CANCELLED"));

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> storeStream.events().stream()
                            .anyMatch(event -> event.type().equals("ORDER_PAYMENT_CANCELLED")
                                    && event.data().path("orderId").asText().equals(couponOrder)));
            // the stream may still deliver the order's placing and acceptance, told after it was opened
            SseClient.Event told = storeStream.events().stream()
                    .filter(event -> event.type().equals("ORDER_PAYMENT_CANCELLED")
                            && event.data().path("orderId").asText().equals(couponOrder))
                    .findFirst()
                    .orElseThrow();
            assertThat(told.data().path("orderEnded").asBoolean()).isTrue();
        }
        awaitStatus(recipient, couponOrder, "REFUSED");
        assertThat(orderOf(recipient, couponOrder).getString("reason")).contains("cancelled");
        merchant.request()
                .post("/api/store-orders/" + couponOrder + "/complete")
                .then()
                .statusCode(409)
                .body("code", equalTo("INVALID_TRANSITION"));
        awaitStatus(gift.giver(), gift.orderId(), "REFUSED");
        assertThat(coupon(gift.code()).getString("status")).isEqualTo("USED");
        merchant.request()
                .get("/api/stores/" + merchant.storeId() + "/wallet")
                .then()
                .statusCode(200)
                .body("balance", equalTo(0));
        assertThat(FakePortOne.cancelRequests(gift.impUid())).isZero();
    }

    /** The store was credited and the recipient served: nothing is reversed by itself, but both orders show it. */
    @Test
    void aGiftPaymentCancelledAfterItsCouponOrderWasServedIsOnlyRecorded() {
        Merchant merchant = openStore("Served Coupon Orders");
        String bun = menu(merchant, "Served Bun", 2_600);
        Member recipient = api.signUp("Served Recipient");
        Gift gift = paidGift(merchant, bun, 2_600, recipient);
        register(recipient, gift.code()).then().statusCode(200);
        String couponOrder = useCoupon(recipient, gift.code())
                .then()
                .statusCode(201)
                .extract()
                .path("orderId");
        merchant.request()
                .post("/api/store-orders/" + couponOrder + "/accept")
                .then()
                .statusCode(200);
        merchant.request()
                .post("/api/store-orders/" + couponOrder + "/complete")
                .then()
                .statusCode(200);

        FakePortOne.cancelledAtConsole(gift.impUid());
        cancellation(gift).then().statusCode(200).body("outcome", equalTo("CANCELLED"));

        JsonPath served = awaitOutcomes(recipient, couponOrder, "CANCELLED_AT_PROVIDER");
        assertThat(served.getString("status")).isEqualTo("COMPLETED");
        JsonPath giftOrder = awaitOutcomes(gift.giver(), gift.orderId(), "PLACED", "CANCELLED_AT_PROVIDER");
        assertThat(giftOrder.getString("status")).isEqualTo("GIFTED");
        Projections.awaitAllCaughtUp(api.admin());
        merchant.request()
                .get("/api/stores/" + merchant.storeId() + "/wallet")
                .then()
                .statusCode(200)
                .body("balance", equalTo(2_600));
        assertThat(FakePortOne.cancelRequests(gift.impUid())).isZero();
    }

    /**
     * The coupon is used while PortOne's cancellation of its gift arrives, on one node or on two: the coupon takes
     * one first. Used first, its order is refused; withdrawn first, the use is refused and no order exists. Either
     * way the gift ends REFUSED and nothing is left to serve.
     */
    @Test
    void aCouponUsedWhilePortOneCancelsItsGiftEndsOneWayOnly() throws Exception {
        Merchant merchant = openStore("Racing Coupons");
        String donut = menu(merchant, "Racing Donut", 2_100);
        for (int round = 0; round < RACE_ROUNDS; round++) {
            Member recipient = api.signUp("Racing Recipient " + round);
            Gift gift = paidGift(merchant, donut, 2_100, recipient);
            register(recipient, gift.code()).then().statusCode(200);
            FakePortOne.cancelledAtConsole(gift.impUid());
            Call use = node -> node.apply(recipient.request())
                    .body(Map.of("couponCode", gift.code(), "delivery", StoreSteps.delivery()))
                    .post("/api/store-orders/with-coupon");
            Call cancel = node -> node.apply(client())
                    .body(Map.of("imp_uid", gift.impUid(), "merchant_uid", gift.orderId(), "status", "cancelled"))
                    .post("/api/payments/webhook");

            List<Response> answers = raced(round, use, cancel);
            Response used = answers.get(0);
            Response cancelled = answers.get(1);

            assertThat(cancelled.statusCode()).as("round %d", round).isEqualTo(200);
            assertThat(cancelled.<String>path("outcome")).as("round %d", round).isEqualTo("CANCELLED");
            awaitStatus(gift.giver(), gift.orderId(), "REFUSED");
            if (used.statusCode() == 201) {
                String couponOrder = used.path("orderId");
                awaitStatus(recipient, couponOrder, "REFUSED");
                assertThat(coupon(gift.code()).getString("status")).isEqualTo("USED");
                assertThat(couponOrders(recipient)).containsExactly(couponOrder);
            } else {
                assertThat(used.statusCode())
                        .as("round %d: %s", round, used.asString())
                        .isEqualTo(409);
                assertThat(used.<String>path("code")).isEqualTo("COUPON_WITHDRAWN");
                assertThat(coupon(gift.code()).getString("status")).isEqualTo("WITHDRAWN");
                assertThat(couponOrders(recipient)).isEmpty();
            }
            assertThat(FakePortOne.cancelRequests(gift.impUid())).isZero();
        }
        merchant.request()
                .get("/api/stores/" + merchant.storeId() + "/wallet")
                .then()
                .statusCode(200)
                .body("balance", equalTo(0));
    }

    /**
     * The giver's money had waited for the coupon to expire (a day by default). The recipient's unused coupons are
     * withdrawn as they resign: a paid gift is refunded at once, a free one just ends; a coupon used already keeps
     * its order.
     */
    @Test
    void aResigningRecipientsUnusedCouponsAreWithdrawnAndTheirGiftsRefundedAtOnce() {
        Merchant merchant = openStore("Resigned Recipient Gifts");
        String latte = menu(merchant, "Parting Latte", 4_000);
        String water = menu(merchant, "Parting Water", 0);
        Member recipient = api.signUp("Resigning Recipient");
        Gift registered = paidGift(merchant, latte, 4_000, recipient);
        register(recipient, registered.code()).then().statusCode(200);
        Gift issued = paidGift(merchant, latte, 4_000, recipient);
        Gift used = paidGift(merchant, latte, 4_000, recipient);
        register(recipient, used.code()).then().statusCode(200);
        String couponOrder = useCoupon(recipient, used.code())
                .then()
                .statusCode(201)
                .extract()
                .path("orderId");
        Member freeGiver = api.signUp("Free Giver");
        String freeGift = StoreSteps.giftOrder(freeGiver, recipient, merchant, water);
        String freeCode = orderOf(freeGiver, freeGift).getString("gift.couponCode");
        assertThat(orderOf(freeGiver, freeGift).getString("status")).isEqualTo("GIFTED");

        recipient.request().delete("/api/me").then().statusCode(204);

        for (Gift refunded : List.of(registered, issued)) {
            awaitCancelledAtProvider(refunded.impUid());
            awaitStatus(refunded.giver(), refunded.orderId(), "REFUNDED");
            JsonPath order = orderOf(refunded.giver(), refunded.orderId());
            assertThat(order.getString("reason")).contains("recipient has left");
            assertThat(coupon(refunded.code()).getString("status")).isEqualTo("WITHDRAWN");
            assertThat(FakePortOne.cancelRequests(refunded.impUid())).isEqualTo(1);
        }
        assertThat(coupon(freeCode).getString("status")).isEqualTo("WITHDRAWN");
        assertThat(orderOf(freeGiver, freeGift).getString("status")).isEqualTo("GIFTED");

        assertThat(coupon(used.code()).getString("status")).isEqualTo("USED");
        assertThat(orderOf(used.giver(), used.orderId()).getString("status")).isEqualTo("GIFTED");
        assertThat(orderOf(merchant.member(), couponOrder).getString("status")).isEqualTo("PLACED");
        assertThat(FakePortOne.cancelRequests(used.impUid())).isZero();
    }

    /**
     * A gift's payment confirmed while its recipient resigns: the payment either finds the recipient gone (the gift is
     * refused and its payment cancelled) or issues the coupon before the resignation looks for unused coupons (which
     * withdraws it and refunds the gift). Never a coupon left to a resigned recipient, the giver's money held until it
     * expires: the payment share-locks the recipient's credentials, which the resignation updates.
     */
    @Test
    void aGiftPaidWhileItsRecipientResignsIsRefundedEitherWay() throws Exception {
        Merchant merchant = openStore("Resigning While Gifted");
        String tart = menu(merchant, "Parting Tart", 3_300);
        for (int round = 0; round < RACE_ROUNDS; round++) {
            Member recipient = api.signUp("Leaving Recipient " + round);
            Member giver = api.signUp("Giver to the Leaving " + round);
            String orderId = StoreSteps.giftOrder(giver, recipient, merchant, tart);
            String impUid = FakePortOne.paid(orderId, 3_300);
            Call paid = node -> node.apply(client())
                    .body(Map.of("imp_uid", impUid, "merchant_uid", orderId, "status", "paid"))
                    .post("/api/payments/webhook");
            Call resign = node -> node.apply(recipient.request()).delete("/api/me");

            List<Response> answers = raced(round, paid, resign);
            assertThat(answers.get(0).statusCode()).as("round %d", round).isEqualTo(200);
            assertThat(answers.get(1).statusCode()).as("round %d", round).isEqualTo(204);

            awaitCancelledAtProvider(impUid);
            String asked = "round " + round;
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(orderOf(giver, orderId).getString("status"))
                            .as(asked)
                            .isIn("REFUSED", "REFUNDED"));
            String code = orderOf(giver, orderId).getString("gift.couponCode");
            if (code != null) {
                assertThat(coupon(code).getString("status"))
                        .as("round %d", round)
                        .isEqualTo("WITHDRAWN");
            }
            assertThat(FakePortOne.cancelRequests(impUid)).as("round %d", round).isEqualTo(1);
        }
    }

    /**
     * A coupon used while its recipient resigns, on one node or two: the use comes wholly before the resignation (its
     * order placed, the coupon kept USED, the gift not refunded) or wholly after it (refused, the coupon withdrawn and
     * the gift refunded once). Never both, and never a coupon left unused to a resigned recipient.
     */
    @Test
    void aCouponUsedWhileItsRecipientResignsIsUsedOrRefundedNeverBoth() throws Exception {
        Merchant merchant = openStore("Resigning While Served");
        String scone = menu(merchant, "Parting Scone", 2_700);
        for (int round = 0; round < RACE_ROUNDS; round++) {
            Member recipient = api.signUp("Using While Leaving " + round);
            Gift gift = paidGift(merchant, scone, 2_700, recipient);
            register(recipient, gift.code()).then().statusCode(200);
            Call use = node -> node.apply(recipient.request())
                    .body(Map.of("couponCode", gift.code(), "delivery", StoreSteps.delivery()))
                    .post("/api/store-orders/with-coupon");
            Call resign = node -> node.apply(recipient.request()).delete("/api/me");

            List<Response> answers = raced(round, use, resign);
            String asked = "round " + round;
            assertThat(answers.get(1).statusCode()).as(asked).isEqualTo(204);
            if (answers.get(0).statusCode() == 201) {
                assertThat(coupon(gift.code()).getString("status")).as(asked).isEqualTo("USED");
                assertThat(orderOf(gift.giver(), gift.orderId()).getString("status"))
                        .as(asked)
                        .isEqualTo("GIFTED");
                assertThat(FakePortOne.cancelRequests(gift.impUid())).as(asked).isZero();
            } else {
                assertThat(answers.get(0).statusCode()).as(asked).isIn(401, 409);
                awaitCancelledAtProvider(gift.impUid());
                awaitStatus(gift.giver(), gift.orderId(), "REFUNDED");
                assertThat(coupon(gift.code()).getString("status")).as(asked).isEqualTo("WITHDRAWN");
                assertThat(FakePortOne.cancelRequests(gift.impUid())).as(asked).isEqualTo(1);
            }
        }
    }

    /**
     * The use held at the resignation's start (the recipient's credentials row updated, not yet committed) waits for it
     * and is refused: let in, it placed an order for a coupon the resignation's wind-up had found unused.
     */
    @Test
    void aCouponUseRacingItsRecipientsResignationWaitsForItAndIsRefused() throws Exception {
        Merchant merchant = openStore("Held While Served");
        String scone = menu(merchant, "Held Scone", 2_700);
        Member recipient = api.signUp("Using While Held");
        Gift gift = paidGift(merchant, scone, 2_700, recipient);
        register(recipient, gift.code()).then().statusCode(200);

        Response used = HeldTransaction.duringResignationOf(
                transactions, jdbc, recipient.accountId(), () -> useCoupon(recipient, gift.code()));

        assertThat(used.statusCode()).as(used.asString()).isEqualTo(409);
        assertThat(used.<String>path("code")).isEqualTo("ACCOUNT_RESIGNED");
        assertThat(coupon(gift.code()).getString("status")).isEqualTo("REGISTERED");
        assertThat(couponOrders(recipient)).isEmpty();
    }

    /** A call that applies the node it is sent to to the request it builds, as {@link SharedSecondNode} takes it. */
    private interface Call extends Function<Function<RequestSpecification, RequestSpecification>, Response> {}

    /**
     * Two calls released together: in a round divisible by three both to this node, in the next the first here and
     * the second to the other node, in the third the other way round. Answers in the calls' order.
     */
    private static List<Response> raced(int round, Call first, Call second) throws Exception {
        if (round % 3 == 2) {
            List<Response> answers = secondNode.onBothNodesAtOnce(second, first);
            return List.of(answers.get(1), answers.get(0));
        }
        return round % 3 == 0 ? onThisNodeAtOnce(first, second) : secondNode.onBothNodesAtOnce(first, second);
    }

    /** Calls released together, all to the test's own node; answers in their order. */
    private static List<Response> onThisNodeAtOnce(Call... calls) throws Exception {
        CyclicBarrier start = new CyclicBarrier(calls.length);
        ExecutorService threads = Executors.newFixedThreadPool(calls.length);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (Call call : calls) {
                Callable<Response> task = () -> {
                    start.await();
                    return call.apply(request -> request);
                };
                answers.add(threads.submit(task));
            }
            List<Response> done = new ArrayList<>();
            for (Future<Response> answer : answers) {
                done.add(answer.get(30, TimeUnit.SECONDS));
            }
            return done;
        } finally {
            threads.shutdownNow();
        }
    }
}
