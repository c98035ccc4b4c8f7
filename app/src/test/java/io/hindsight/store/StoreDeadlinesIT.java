package io.hindsight.store;

import static io.hindsight.store.StoreSteps.awaitCancelledAtProvider;
import static io.hindsight.store.StoreSteps.awaitPoints;
import static io.hindsight.store.StoreSteps.awaitStatus;
import static io.hindsight.store.StoreSteps.delivery;
import static io.hindsight.store.StoreSteps.grantPoints;
import static io.hindsight.store.StoreSteps.menu;
import static io.hindsight.store.StoreSteps.openStore;
import static io.hindsight.store.StoreSteps.orderOf;
import static io.hindsight.store.StoreSteps.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.hindsight.common.MetadataKeys;
import io.hindsight.ledger.LedgerSteps;
import io.hindsight.store.StoreSteps.Merchant;
import io.hindsight.support.Api.Member;
import io.hindsight.support.FakePortOne;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.SecondNode;
import io.hindsight.support.StandaloneApp;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/**
 * Durable deadlines of stores, on a node whose orders wait 3 seconds for payment and whose coupons are valid for
 * 8: whichever node runs a deadline, an unpaid order expires and releases its points, and a coupon expires - also
 * while it is being used - without ever being used after its end.
 */
class StoreDeadlinesIT extends IntegrationTest {

    private static StandaloneApp shortNode;

    @Autowired
    private Environment environment;

    @AfterEach
    void ledgerStillHolds() {
        LedgerSteps.assertLedgerHolds(api.admin());
    }

    @AfterAll
    static void stop() {
        if (shortNode != null) {
            shortNode.close();
        }
    }

    private int shortPort() {
        if (shortNode == null) {
            shortNode = SecondNode.start(
                    environment, "hindsight.stores.payment-timeout=PT3S", "hindsight.stores.coupon-validity=PT8S");
        }
        return shortNode.port();
    }

    @Test
    void canExpireAnUnpaidOrderReleasingItsPointsAndRefuseItsLatePayment() {
        int port = shortPort();
        Merchant merchant = openStore("Slow Payers");
        String pie = menu(merchant, "Pie", 4_000);
        Member customer = api.signUp("Forgetful Payer");
        grantPoints(api.admin(), customer, 1_000, "Welcome");
        String orderId = customer.request()
                .port(port)
                .body(Map.of(
                        "storeId", merchant.storeId(),
                        "items", List.of(Map.of("menuId", pie, "quantity", 1)),
                        "delivery", delivery(),
                        "points", 500))
                .post("/api/store-orders")
                .then()
                .statusCode(201)
                .extract()
                .path("orderId");
        awaitPoints(customer, 500, 500);

        awaitStatus(customer, orderId, "EXPIRED");
        awaitPoints(customer, 1_000, 0);
        JsonPath order = orderOf(customer, orderId);
        assertThat(order.getString("statusHistory[1].actorId")).isEqualTo(MetadataKeys.SYSTEM_ACTOR);
        assertThat(Instant.parse(order.getString("statusHistory[1].at")))
                .isAfterOrEqualTo(Instant.parse(order.getString("paymentDueAt")));

        String late = FakePortOne.paid(orderId, 3_500);
        webhook(late, orderId, "paid").then().statusCode(200).body("outcome", equalTo("REFUSED"));
        awaitCancelledAtProvider(late);
        assertThat(orderOf(customer, orderId).getString("status")).isEqualTo("EXPIRED");

        // the customer's list keeps it, and can leave it out
        for (String status : List.of("EXPIRED", "PLACED")) {
            customer.request()
                    .queryParam("status", status)
                    .get("/api/store-orders")
                    .then()
                    .statusCode(200)
                    .body("total", equalTo(status.equals("EXPIRED") ? 1 : 0));
        }
        customer.request()
                .queryParam("status", "GONE")
                .get("/api/store-orders")
                .then()
                .statusCode(400)
                .body("code", equalTo("MALFORMED_REQUEST"));
    }

    @Test
    void cannotUseACouponAfterItExpired() {
        int port = shortPort();
        Merchant merchant = openStore("Short Coupons");
        String tart = menu(merchant, "Tart", 3_000);
        Member recipient = api.signUp("Too Late Recipient");
        ShortGift gift = shortLivedGift(port, merchant, tart, recipient);
        String code = gift.code();
        GiftsAndCouponsIT.register(recipient, code).then().statusCode(200);

        GiftsAndCouponsIT.awaitOnlyCouponStatus(recipient, "EXPIRED");
        GiftsAndCouponsIT.useCoupon(recipient, code).then().statusCode(409).body("code", equalTo("COUPON_EXPIRED"));
        GiftsAndCouponsIT.register(recipient, code).then().statusCode(409).body("code", equalTo("COUPON_EXPIRED"));
    }

    @Test
    void anUnusedGiftIsRefundedToItsGiverWhenItsCouponExpires() {
        int port = shortPort();
        Merchant merchant = openStore("Forgotten Gifts");
        String cake = menu(merchant, "Cake", 5_000);
        Member recipient = api.signUp("Forgetful Recipient");
        ShortGift gift = shortLivedGift(port, merchant, cake, recipient);
        try (SseClient notifications = SseClient.connect(
                this.port, "/api/me/notifications/stream", gift.giver().accessToken(), null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> notifications.status() == 200);

            awaitStatus(gift.giver(), gift.orderId(), "REFUNDED");
            awaitCancelledAtProvider(gift.paymentId());
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> notifications.types().contains("GIFT_REFUNDED"));
        }
        JsonPath order = orderOf(gift.giver(), gift.orderId());
        assertThat(order.getString("reason")).isEqualTo("The gift's coupon expired unused");
        assertThat(order.getString("statusHistory[-1].actorId")).isEqualTo(MetadataKeys.SYSTEM_ACTOR);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(orderOf(gift.giver(), gift.orderId()).getList("payments.outcome"))
                                .contains("CANCELLED"));
        assertThat(FakePortOne.cancelRequests(gift.paymentId())).isEqualTo(1);
        assertThat(GiftsAndCouponsIT.coupons(recipient).get(0)).containsEntry("status", "EXPIRED");
    }

    @Test
    void aFreeGiftWhoseCouponExpiresHasNothingToRefund() {
        int port = shortPort();
        Merchant merchant = openStore("Free Samples");
        String sample = menu(merchant, "Sample", 0);
        Member giver = api.signUp("Free Giver");
        Member recipient = api.signUp("Free Recipient");
        String giftOrder = giver.request()
                .port(port)
                .body(Map.of(
                        "recipientAccountId", recipient.accountId(), "storeId", merchant.storeId(), "menuId", sample))
                .post("/api/gifts")
                .then()
                .statusCode(201)
                .body("status", equalTo("GIFTED"))
                .extract()
                .path("orderId");

        GiftsAndCouponsIT.awaitOnlyCouponStatus(recipient, "EXPIRED");
        assertThat(orderOf(giver, giftOrder).getString("status")).isEqualTo("GIFTED");
    }

    @Test
    void canNeverUseACouponThatExpiresWhileItIsBeingUsed() throws Exception {
        int port = shortPort();
        Merchant merchant = openStore("Racing The Clock");
        String roll = menu(merchant, "Roll", 2_500);
        Member recipient = api.signUp("Last Second Recipient");
        ShortGift gift = shortLivedGift(port, merchant, roll, recipient);
        String code = gift.code();
        GiftsAndCouponsIT.register(recipient, code).then().statusCode(200);
        Instant expiresAt = Instant.parse(
                (String) GiftsAndCouponsIT.coupons(recipient).get(0).get("expiresAt"));

        int threads = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Integer> codes = new ArrayList<>();
        try {
            List<Future<Integer>> outcomes = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int node = i % 2 == 0 ? this.port : port;
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return recipient
                            .request()
                            .port(node)
                            .body(Map.of("couponCode", code, "delivery", delivery()))
                            .post("/api/store-orders/with-coupon")
                            .statusCode();
                }));
            }
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> !Instant.now().isBefore(expiresAt.minusMillis(30)));
            start.countDown();
            for (Future<Integer> outcome : outcomes) {
                codes.add(outcome.get());
            }
        } finally {
            pool.shutdownNow();
        }
        long placed = codes.stream().filter(status -> status == 201).count();
        assertThat(placed).isLessThanOrEqualTo(1);
        assertThat(codes).allMatch(status -> status == 201 || status == 409);
        String finalStatus = placed == 1 ? "USED" : "EXPIRED";
        GiftsAndCouponsIT.awaitOnlyCouponStatus(recipient, finalStatus);
        awaitStatus(gift.giver(), gift.orderId(), placed == 1 ? "GIFTED" : "REFUNDED");
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(recipient
                                .request()
                                .get("/api/store-orders")
                                .then()
                                .extract()
                                .jsonPath()
                                .getList("items.findAll { it.kind == 'COUPON' }"))
                        .hasSize((int) placed));
    }

    private record ShortGift(Member giver, String orderId, String paymentId, String code) {}

    /** A gift paid through the short node, whose coupon is valid for 8 seconds. */
    private ShortGift shortLivedGift(int port, Merchant merchant, String menuId, Member recipient) {
        Member giver = api.signUp("Short Giver");
        String giftOrder = giver.request()
                .port(port)
                .body(Map.of(
                        "recipientAccountId", recipient.accountId(), "storeId", merchant.storeId(), "menuId", menuId))
                .post("/api/gifts")
                .then()
                .statusCode(201)
                .extract()
                .path("orderId");
        long price = orderOf(giver, giftOrder).getLong("amountDue");
        String payment = FakePortOne.paid(giftOrder, price);
        StoreSteps.webhookAt(port, payment, giftOrder).then().statusCode(200).body("outcome", equalTo("PLACED"));
        String code = orderOf(giver, giftOrder).getString("gift.couponCode");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !GiftsAndCouponsIT.coupons(recipient).isEmpty());
        return new ShortGift(giver, giftOrder, payment, code);
    }
}
