package io.hindsight.store;

import static io.hindsight.store.StoreSteps.grantPoints;
import static io.hindsight.store.StoreSteps.menu;
import static io.hindsight.store.StoreSteps.openStore;
import static io.hindsight.store.StoreSteps.orderOf;
import static io.hindsight.store.StoreSteps.ordered;
import static io.hindsight.store.StoreSteps.pay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hindsight.ledger.LedgerSteps;
import io.hindsight.store.StoreSteps.Merchant;
import io.hindsight.support.Api.Member;
import io.hindsight.support.FakePortOne;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.Projections;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every store projection rebuilds identically from the first event; orders and coupons have as-of and an audit trail. */
class StoreReplayIT extends IntegrationTest {

    @AfterEach
    void ledgerStillHolds() {
        LedgerSteps.assertLedgerHolds(api.admin());
    }

    @Test
    void canRebuildEveryStoreProjectionIdentically() {
        Member admin = api.admin();
        Merchant merchant = openStore("Replayed Cafe");
        String latte = menu(merchant, "Replayed Latte", 4_200);
        Member customer = api.signUp("Replayed Customer");
        Member recipient = api.signUp("Replayed Recipient");
        grantPoints(admin, customer, 1_000, "Replay");
        String orderId = ordered(customer, merchant.storeId(), latte, 1, 200).getString("orderId");
        pay(orderId, 4_000);
        merchant.request()
                .post("/api/store-orders/" + orderId + "/accept")
                .then()
                .statusCode(200);
        merchant.request()
                .post("/api/store-orders/" + orderId + "/complete")
                .then()
                .statusCode(200);
        String giftOrder = StoreSteps.gift(customer, recipient, merchant, latte, "Replay gift")
                .then()
                .statusCode(201)
                .extract()
                .path("orderId");
        pay(giftOrder, 4_200);
        String code = orderOf(customer, giftOrder).getString("gift.couponCode");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !GiftsAndCouponsIT.coupons(recipient).isEmpty());
        GiftsAndCouponsIT.register(recipient, code).then().statusCode(200);
        GiftsAndCouponsIT.useCoupon(recipient, code).then().statusCode(201);
        String withdrawnGift = StoreSteps.giftOrder(customer, recipient, merchant, latte);
        String refundedAtPortOne = pay(withdrawnGift, 4_200);
        FakePortOne.cancelledAtConsole(refundedAtPortOne);
        StoreSteps.webhook(refundedAtPortOne, withdrawnGift, "cancelled").then().statusCode(200);
        Projections.awaitAllCaughtUp(admin);
        assertThat(GiftsAndCouponsIT.coupons(recipient))
                .extracting(coupon -> coupon.get("status"))
                .containsExactly("WITHDRAWN", "USED");

        for (String projection : List.of("store-stores", "store-orders", "store-coupons", "store-messages")) {
            Projections.assertReplayIdentical(admin, projection);
        }
    }

    @Test
    void canAuditAnOrderAndReadItAndItsCouponAsOfAnInstant() {
        Member admin = api.admin();
        Merchant merchant = openStore("Audited Cafe");
        String mocha = menu(merchant, "Audited Mocha", 5_000);
        Member customer = api.signUp("Audited Customer");
        String orderId = ordered(customer, merchant.storeId(), mocha, 1, 0).getString("orderId");
        Instant beforePayment = Instant.now();
        String impUid = pay(orderId, 5_000);
        merchant.request()
                .post("/api/store-orders/" + orderId + "/accept")
                .then()
                .statusCode(200);

        customer.request()
                .queryParam("asOf", beforePayment.toString())
                .get("/api/store-orders/" + orderId)
                .then()
                .statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("AWAITING_PAYMENT"))
                .body("orderId", org.hamcrest.Matchers.equalTo(orderId))
                .body("asOf", org.hamcrest.Matchers.equalTo(beforePayment.toString()));
        customer.request()
                .get("/api/store-orders/" + orderId)
                .then()
                .statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("ACCEPTED"))
                .body("$", org.hamcrest.Matchers.hasKey("asOf"))
                .body("asOf", org.hamcrest.Matchers.nullValue());
        List<Map<String, Object>> trail = admin.request()
                .get("/api/audit/aggregates/" + orderId + "/events")
                .then()
                .statusCode(200)
                .extract()
                .path("");
        assertThat(trail)
                .extracting(e -> e.get("type"))
                .containsExactly("StoreOrderCreated", "StoreOrderPlaced", "StoreOrderAccepted");
        assertThat(trail.get(1).get("actorId")).isEqualTo("payment-provider");
        JsonPath placedChanges = admin.request()
                .get("/api/audit/aggregates/" + orderId + "/events")
                .then()
                .extract()
                .jsonPath();
        assertThat(placedChanges.getList("[1].changes.field")).contains("status", "paymentId", "amountPaid");
        assertThat(placedChanges.getString("[1].changes.find { it.field == 'paymentId' }.to"))
                .isEqualTo(impUid);
        assertThat(trail.get(2).get("actorId")).isEqualTo(merchant.member().accountId());

        Member recipient = api.signUp("Audited Recipient");
        String giftOrder = StoreSteps.gift(customer, recipient, merchant, mocha, "As of")
                .then()
                .statusCode(201)
                .extract()
                .path("orderId");
        pay(giftOrder, 5_000);
        String code = orderOf(customer, giftOrder).getString("gift.couponCode");
        Instant beforeRegistration = Instant.now();
        GiftsAndCouponsIT.register(recipient, code).then().statusCode(200);
        JsonPath state = admin.request()
                .queryParam("asOf", beforeRegistration.toString())
                .get("/api/audit/aggregates/" + code + "/state")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(state.getString("'store-coupons'.status")).isEqualTo("ISSUED");
        List<Map<String, Object>> couponTrail = admin.request()
                .get("/api/audit/aggregates/" + code + "/events")
                .then()
                .statusCode(200)
                .extract()
                .path("");
        assertThat(couponTrail).extracting(e -> e.get("type")).containsExactly("CouponIssued", "CouponRegistered");
    }
}
