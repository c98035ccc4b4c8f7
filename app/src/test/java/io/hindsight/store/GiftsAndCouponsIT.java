package io.hindsight.store;

import static io.hindsight.store.StoreSteps.delivery;
import static io.hindsight.store.StoreSteps.menu;
import static io.hindsight.store.StoreSteps.openStore;
import static io.hindsight.store.StoreSteps.orderOf;
import static io.hindsight.store.StoreSteps.pay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.hindsight.ledger.LedgerSteps;
import io.hindsight.store.StoreSteps.Merchant;
import io.hindsight.support.Api.Member;
import io.hindsight.support.FakePortOne;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.Projections;
import io.hindsight.support.SharedSecondNode;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GiftsAndCouponsIT extends IntegrationTest {

    @RegisterExtension
    static final SharedSecondNode secondNode = new SharedSecondNode("hindsight.roles=command");

    @AfterEach
    void ledgerStillHolds() {
        LedgerSteps.assertLedgerHolds(api.admin());
    }

    /** A paid gift; answers the recipient's coupon code once the coupon list shows it. */
    static String giftedCoupon(Member giver, Member recipient, Merchant merchant, String menuId, long price) {
        JsonPath gift = StoreSteps.gift(giver, recipient, merchant, menuId, "Happy birthday!")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        assertThat(gift.getLong("amountDue")).isEqualTo(price);
        pay(gift.getString("orderId"), price);
        String code = orderOf(giver, gift.getString("orderId")).getString("gift.couponCode");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> coupons(recipient).stream().anyMatch(c -> code.equals(c.get("code"))));
        return code;
    }

    static List<Map<String, Object>> coupons(Member member) {
        return member.request()
                .get("/api/me/coupons")
                .then()
                .statusCode(200)
                .extract()
                .path("");
    }

    static void awaitOnlyCouponStatus(Member member, String status) {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(coupons(member))
                        .extracting(coupon -> coupon.get("status"))
                        .containsExactly(status));
    }

    static Response register(Member member, String code) {
        return member.request().body(Map.of("code", code)).post("/api/coupons/register");
    }

    static Response useCoupon(Member member, String code) {
        return member.request()
                .body(Map.of("couponCode", code, "delivery", delivery()))
                .post("/api/store-orders/with-coupon");
    }

    @Test
    void canGiftAMenuItemThatBecomesACouponTheRecipientRegistersAndUsesOnce() {
        Merchant merchant = openStore("Gift Shop");
        String latte = menu(merchant, "Gift Latte", 4_800);
        Member giver = api.signUp("Generous Giver");
        Member recipient = api.signUp("Lucky Recipient");

        JsonPath gift = StoreSteps.gift(giver, recipient, merchant, latte, "Happy birthday!")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        assertThat(gift.getString("giftId")).isNotBlank();
        String giftOrder = gift.getString("orderId");
        pay(giftOrder, 4_800);
        JsonPath paidGift = orderOf(giver, giftOrder);
        assertThat(paidGift.getString("kind")).isEqualTo("GIFT");
        assertThat(paidGift.getString("status")).isEqualTo("GIFTED");
        String code = paidGift.getString("gift.couponCode");
        assertThat(code).matches("[A-Z2-7]{26}");

        await().atMost(Duration.ofSeconds(20)).until(() -> coupons(recipient).size() == 1);
        Map<String, Object> coupon = coupons(recipient).get(0);
        assertThat(coupon)
                .containsEntry("code", code)
                .containsEntry("storeId", merchant.storeId())
                .containsEntry("menuId", latte)
                .containsEntry("status", "ISSUED")
                .containsEntry("fromAccountId", giver.accountId())
                .containsEntry("message", "Happy birthday!");
        Instant expiresAt = Instant.parse((String) coupon.get("expiresAt"));
        assertThat(expiresAt)
                .isBetween(
                        Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25)));

        useCoupon(recipient, code).then().statusCode(409).body("code", equalTo("COUPON_NOT_REGISTERED"));
        register(recipient, code.toLowerCase()).then().statusCode(200).body("status", equalTo("REGISTERED"));
        register(recipient, code).then().statusCode(200).body("status", equalTo("REGISTERED"));
        Response used = useCoupon(recipient, code);
        used.then().statusCode(201).body("status", equalTo("PLACED"));
        String couponOrder = used.path("orderId");
        useCoupon(recipient, code).then().statusCode(409).body("code", equalTo("COUPON_USED"));
        register(recipient, code).then().statusCode(409).body("code", equalTo("COUPON_USED"));

        JsonPath order = orderOf(recipient, couponOrder);
        assertThat(order.getString("kind")).isEqualTo("COUPON");
        assertThat(order.getString("status")).isEqualTo("PLACED");
        assertThat(order.getLong("amountDue")).isZero();
        assertThat(order.getString("couponCode")).isEqualTo(code);
        awaitOnlyCouponStatus(recipient, "USED");

        merchant.request()
                .post("/api/store-orders/" + couponOrder + "/accept")
                .then()
                .statusCode(200);
        merchant.request()
                .post("/api/store-orders/" + couponOrder + "/complete")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> merchant.request()
                        .get("/api/stores/" + merchant.storeId() + "/wallet")
                        .then()
                        .body("balance", equalTo(4_800)));
    }

    /** The giver paid, so rejecting the coupon's order rejects the gift and refunds the giver, once. */
    @Test
    void aRejectedCouponOrderRejectsTheGiftAndRefundsTheGiver() {
        Merchant merchant = openStore("Rejecting Gift Shop");
        String scone = menu(merchant, "Gift Scone", 3_900);
        Member giver = api.signUp("Refunded Giver");
        Member recipient = api.signUp("Disappointed Recipient");
        String giftOrder = StoreSteps.giftOrder(giver, recipient, merchant, scone);
        String impUid = pay(giftOrder, 3_900);
        String code = orderOf(giver, giftOrder).getString("gift.couponCode");
        register(recipient, code).then().statusCode(200);
        String couponOrder =
                useCoupon(recipient, code).then().statusCode(201).extract().path("orderId");

        merchant.request()
                .body(Map.of("reason", "Out of scones"))
                .post("/api/store-orders/" + couponOrder + "/reject")
                .then()
                .statusCode(200)
                .body("status", equalTo("REJECTED"));
        StoreSteps.awaitCancelledAtProvider(impUid);
        StoreSteps.awaitStatus(giver, giftOrder, "REJECTED");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonPath gift = orderOf(giver, giftOrder);
            assertThat(gift.getString("reason")).endsWith("Out of scones");
            assertThat(gift.getList("payments.outcome")).contains("CANCELLED");
        });
        JsonPath rejected = orderOf(recipient, couponOrder);
        assertThat(rejected.getString("status")).isEqualTo("REJECTED");
        assertThat(rejected.getString("reason")).isEqualTo("Out of scones");
        merchant.request()
                .post("/api/store-orders/" + couponOrder + "/reject")
                .then()
                .statusCode(200);
        assertThat(FakePortOne.cancelRequests(impUid)).isEqualTo(1);
        Projections.awaitAllCaughtUp(api.admin());
    }

    /** A coupon for an account that has left could never be used: the gift is refused and the giver refunded. */
    @Test
    void aGiftWhoseRecipientLeftBeforeItWasPaidIsRefusedAndRefunded() {
        Merchant merchant = openStore("Gift For Nobody");
        String cake = menu(merchant, "Gift Cake", 1_500);
        Member giver = api.signUp("Unlucky Giver");
        Member recipient = api.signUp("Gone Recipient");
        String giftOrder = StoreSteps.giftOrder(giver, recipient, merchant, cake);
        recipient.request().delete("/api/me").then().statusCode(204);

        String impUid = FakePortOne.paid(giftOrder, 1_500);
        StoreSteps.webhook(impUid, giftOrder, "paid").then().statusCode(200).body("outcome", equalTo("REFUSED"));
        StoreSteps.awaitCancelledAtProvider(impUid);
        StoreSteps.awaitStatus(giver, giftOrder, "REFUSED");
        assertThat(orderOf(giver, giftOrder).getString("reason")).contains("recipient has left");
    }

    @Test
    void cannotUseUnknownOrSomeoneElsesCoupons() {
        Merchant merchant = openStore("Coupon Guard");
        String tea = menu(merchant, "Guarded Tea", 3_000);
        Member giver = api.signUp("Coupon Giver");
        Member recipient = api.signUp("Coupon Owner");
        Member thief = api.signUp("Coupon Thief");
        String code = giftedCoupon(giver, recipient, merchant, tea, 3_000);

        register(thief, code).then().statusCode(404).body("code", equalTo("COUPON_NOT_FOUND"));
        useCoupon(thief, code).then().statusCode(404).body("code", equalTo("COUPON_NOT_FOUND"));
        register(thief, "AAAAAAAAAAAAAAAAAAAAAAAAAA").then().statusCode(404).body("code", equalTo("COUPON_NOT_FOUND"));
        register(thief, "nonsense").then().statusCode(404).body("code", equalTo("COUPON_NOT_FOUND"));
        useCoupon(thief, "nonsense").then().statusCode(404).body("code", equalTo("COUPON_NOT_FOUND"));
        assertThat(coupons(thief)).isEmpty();
        Projections.awaitAllCaughtUp(api.admin());
        assertThat(coupons(recipient).get(0)).containsEntry("status", "ISSUED");
    }

    @Test
    void cannotUseACouponAtAClosedStore() {
        Merchant merchant = openStore("Closing Early");
        String bun = menu(merchant, "Bun", 2_000);
        Member recipient = api.signUp("Late Recipient");
        String code = giftedCoupon(api.signUp("Early Giver"), recipient, merchant, bun, 2_000);
        register(recipient, code).then().statusCode(200);
        merchant.request()
                .put("/api/stores/" + merchant.storeId() + "/close")
                .then()
                .statusCode(200);
        useCoupon(recipient, code).then().statusCode(409).body("code", equalTo("STORE_CLOSED"));
        merchant.request()
                .put("/api/stores/" + merchant.storeId() + "/open")
                .then()
                .statusCode(200);
        useCoupon(recipient, code).then().statusCode(201);
    }

    /** A store closed for now takes gifts; one whose merchant has left does not: that coupon could never be served. */
    @Test
    void cannotGiftAtAStoreWhoseMerchantHasLeft() {
        Merchant merchant = openStore("Leaving Merchant");
        String tart = menu(merchant, "Tart", 3_000);
        Member giver = api.signUp("Late Giver");
        Member recipient = api.signUp("Late Recipient");
        String orderId = StoreSteps.gift(giver, recipient, merchant, tart, "Enjoy")
                .then()
                .statusCode(201)
                .extract()
                .path("orderId");
        merchant.request().delete("/api/me").then().statusCode(204);

        StoreSteps.gift(giver, recipient, merchant, tart, "Enjoy")
                .then()
                .statusCode(409)
                .body("code", equalTo("STORE_CLOSED"));
        // the gift bought before it left is paid after: refused, and the payment refunded
        String impUid = FakePortOne.paid(orderId, 3_000);
        StoreSteps.webhook(impUid, orderId, "paid").then().statusCode(200).body("outcome", equalTo("REFUSED"));
        StoreSteps.awaitCancelledAtProvider(impUid);
    }

    @Test
    void cannotGiftToNobodyOrToOneself() {
        Merchant merchant = openStore("Self Gift");
        String cup = menu(merchant, "Cup", 1_000);
        Member giver = api.signUp("Self Giver");
        StoreSteps.gift(giver, giver, merchant, cup, "me")
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_RECIPIENT"));
        StoreSteps.gift(giver, "00000000-0000-0000-0000-000000000000", merchant, cup, "nobody")
                .then()
                .statusCode(404)
                .body("code", equalTo("RECIPIENT_NOT_FOUND"));
        // an id in capitals is the same account, as it is everywhere else
        StoreSteps.gift(giver, giver.accountId().toUpperCase(Locale.ROOT), merchant, cup, "me")
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_RECIPIENT"));
        Member friend = api.signUp("Capital Friend");
        StoreSteps.gift(giver, friend.accountId().toUpperCase(Locale.ROOT), merchant, cup, "you")
                .then()
                .statusCode(201);
        Projections.awaitAllCaughtUp(api.admin());
    }

    /**
     * The coupon list used to stop at its first 1000 coupons, newest first, with no way to reach older ones (a
     * member given 1010 free coffees saw 1000); it pages like the profile history: default and most 1000.
     */
    @Test
    void theCouponListPagesWithOffsetAndLimit() {
        Merchant merchant = openStore("Many Coupons");
        String water = menu(merchant, "Free Water", 0);
        Member giver = api.signUp("Coupon Showerer");
        Member recipient = api.signUp("Coupon Collector");
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String gift = StoreSteps.giftOrder(giver, recipient, merchant, water);
            codes.add(0, orderOf(giver, gift).getString("gift.couponCode"));
        }
        assertThat(coupons(recipient)).extracting(coupon -> coupon.get("code")).containsExactlyElementsOf(codes);

        List<Map<String, Object>> second = recipient
                .request()
                .queryParam("offset", 1)
                .queryParam("limit", 1)
                .get("/api/me/coupons")
                .then()
                .statusCode(200)
                .extract()
                .path("");
        assertThat(second).extracting(coupon -> coupon.get("code")).containsExactly(codes.get(1));
        List<Map<String, Object>> last = recipient
                .request()
                .queryParam("offset", 2)
                .queryParam("limit", 1000)
                .get("/api/me/coupons")
                .then()
                .statusCode(200)
                .extract()
                .path("");
        assertThat(last).extracting(coupon -> coupon.get("code")).containsExactly(codes.get(2));
        recipient
                .request()
                .queryParam("limit", 1001)
                .get("/api/me/coupons")
                .then()
                .statusCode(400)
                .body("code", equalTo("LIMIT_TOO_LARGE"));
        recipient
                .request()
                .queryParam("offset", -1)
                .get("/api/me/coupons")
                .then()
                .statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"));
    }

    @Test
    void canUseACouponOnceUnderTenConcurrentUses() throws Exception {
        Merchant merchant = openStore("Coupon Rush");
        String donut = menu(merchant, "Donut", 2_200);
        Member recipient = api.signUp("Rushing Recipient");
        String code = giftedCoupon(api.signUp("Rush Giver"), recipient, merchant, donut, 2_200);
        register(recipient, code).then().statusCode(200);

        int threads = 10;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Integer> codes = new ArrayList<>();
        try {
            List<Future<Integer>> outcomes = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return useCoupon(recipient, code).statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> outcome : outcomes) {
                codes.add(outcome.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(codes).filteredOn(status -> status == 201).hasSize(1);
        assertThat(codes).filteredOn(status -> status == 409).hasSize(threads - 1);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(couponOrdersOf(recipient)).hasSize(1));
    }

    /**
     * A node lets one command at a time into a coupon, so the ten threads above only prove that lock; two nodes each
     * load the registered coupon, and only the event store's key on the coupon's next event lets one use in.
     */
    @Test
    void canUseACouponOnceWhenTwoNodesUseItAtOnce() throws Exception {
        Merchant merchant = openStore("Two Node Coupons");
        String bagel = menu(merchant, "Bagel", 1_800);
        Member giver = api.signUp("Two Node Giver");
        for (int round = 0; round < 4; round++) {
            Member recipient = api.signUp("Two Node Recipient " + round);
            String code = giftedCoupon(giver, recipient, merchant, bagel, 1_800);
            register(recipient, code).then().statusCode(200);

            List<Response> answers = secondNode.onBothNodesAtOnce(node -> node.apply(recipient.request())
                    .body(Map.of("couponCode", code, "delivery", delivery()))
                    .post("/api/store-orders/with-coupon"));

            assertThat(answers).extracting(Response::statusCode).containsExactlyInAnyOrder(201, 409);
            assertThat(answers)
                    .filteredOn(answer -> answer.statusCode() == 409)
                    .extracting(answer -> answer.<String>path("code"))
                    .containsExactly("COUPON_USED");
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(couponOrdersOf(recipient)).hasSize(1));
        }
    }

    /**
     * Anyone may list an item at 0 and gift it to any account id: 2,001 free coupons from one giver once made their
     * recipient's resignation take 11.6 s. A giver holds out at most ten unused free gifts to one recipient, even
     * when the gifts race on two nodes; a used one makes room, and paid gifts and other recipients are not counted.
     */
    @Test
    void aGiverHoldsOutAtMostTenUnusedFreeGiftsToOneRecipientEvenOnTwoNodes() throws Exception {
        Merchant merchant = openStore("Free Gift Limit");
        String water = menu(merchant, "Limited Water", 0);
        String tea = menu(merchant, "Paid Tea", 2_000);
        Member giver = api.signUp("Eager Free Giver");
        Member recipient = api.signUp("Flooded Recipient");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Response> answers = new ArrayList<>();
        try {
            List<Future<Response>> gifts = new ArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            for (int i = 0; i < 14; i++) {
                int port = i % 2 == 0 ? this.port : secondNode.port();
                gifts.add(pool.submit(() -> {
                    start.await();
                    return giver.request()
                            .port(port)
                            .body(Map.of(
                                    "recipientAccountId", recipient.accountId(),
                                    "storeId", merchant.storeId(),
                                    "menuId", water))
                            .post("/api/gifts");
                }));
            }
            start.countDown();
            for (Future<Response> gift : gifts) {
                answers.add(gift.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(answers).extracting(Response::statusCode).containsOnly(201, 409);
        assertThat(answers).filteredOn(answer -> answer.statusCode() == 201).hasSize(10);
        assertThat(answers)
                .filteredOn(answer -> answer.statusCode() == 409)
                .extracting(answer -> answer.<String>path("code"))
                .containsOnly("FREE_GIFT_LIMIT_REACHED");

        StoreSteps.gift(giver, api.signUp("Another Recipient"), merchant, water, "For you")
                .then()
                .statusCode(201);
        StoreSteps.gift(giver, recipient, merchant, tea, "A paid one").then().statusCode(201);

        String code = answers.stream()
                .filter(answer -> answer.statusCode() == 201)
                .findFirst()
                .map(answer -> orderOf(giver, answer.path("orderId")).getString("gift.couponCode"))
                .orElseThrow();
        register(recipient, code).then().statusCode(200);
        useCoupon(recipient, code).then().statusCode(201);
        StoreSteps.gift(giver, recipient, merchant, water, "Room again").then().statusCode(201);
        StoreSteps.gift(giver, recipient, merchant, water, "One too many")
                .then()
                .statusCode(409)
                .body("code", equalTo("FREE_GIFT_LIMIT_REACHED"));
        Projections.awaitAllCaughtUp(api.admin());
    }

    private static List<Object> couponOrdersOf(Member member) {
        return member.request()
                .get("/api/store-orders")
                .then()
                .extract()
                .jsonPath()
                .getList("items.findAll { it.kind == 'COUPON' }");
    }
}
