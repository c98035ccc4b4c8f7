package io.hindsight.store;

import static io.hindsight.store.StoreSteps.awaitCancelledAtProvider;
import static io.hindsight.store.StoreSteps.awaitPoints;
import static io.hindsight.store.StoreSteps.awaitStatus;
import static io.hindsight.store.StoreSteps.grantPoints;
import static io.hindsight.store.StoreSteps.menu;
import static io.hindsight.store.StoreSteps.openStore;
import static io.hindsight.store.StoreSteps.orderOf;
import static io.hindsight.store.StoreSteps.ordered;
import static io.hindsight.store.StoreSteps.pay;
import static io.hindsight.store.StoreSteps.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hindsight.account.api.AccountId;
import io.hindsight.common.BusinessException;
import io.hindsight.ledger.LedgerSteps;
import io.hindsight.ledger.api.LedgerAccountId;
import io.hindsight.ledger.api.TransferId;
import io.hindsight.store.StoreSteps.Merchant;
import io.hindsight.store.api.StoreError;
import io.hindsight.store.guard.StoreCatalog;
import io.hindsight.store.payment.PortOneClient;
import io.hindsight.store.payment.PortOneProperties;
import io.hindsight.support.Api.Member;
import io.hindsight.support.FakePortOne;
import io.hindsight.support.HeldTransaction;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.Projections;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

/**
 * Payment notifications against a PortOne double over real HTTP: the provider's own record of a payment decides,
 * never the notification's body.
 */
class PaymentsIT extends IntegrationTest {

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private PlatformTransactionManager transactions;

    @Autowired
    private StoreCatalog catalog;

    @AfterEach
    void providerUpAndLedgerHolds() {
        FakePortOne.mode(FakePortOne.Mode.UP);
        LedgerSteps.assertLedgerHolds(api.admin());
    }

    @Test
    void canPlaceAnOrderWithAPaidMatchingPaymentOnceOnly() {
        Merchant merchant = openStore("Paid Barista");
        String latte = menu(merchant, "Latte", 4_500);
        Member customer = api.signUp("Paying Customer");
        JsonPath created = ordered(customer, merchant.storeId(), latte, 2, 0);
        assertThat(created.getString("status")).isEqualTo("AWAITING_PAYMENT");
        assertThat(created.getLong("amountDue")).isEqualTo(9_000);
        String orderId = created.getString("orderId");

        String impUid = FakePortOne.paid(orderId, 9_000);
        webhook(impUid, orderId, "paid").then().statusCode(200).body("outcome", equalTo("PLACED"));
        webhook(impUid, orderId, "paid").then().statusCode(200).body("outcome", equalTo("DUPLICATE"));

        JsonPath order = orderOf(customer, orderId);
        assertThat(order.getString("status")).isEqualTo("PLACED");
        assertThat(order.getString("paymentId")).isEqualTo(impUid);
        assertThat(order.getLong("amountPaid")).isEqualTo(9_000);
        assertThat(order.getList("statusHistory.status")).containsExactly("AWAITING_PAYMENT", "PLACED");
        assertThat(order.getString("statusHistory[1].actorId")).isEqualTo("payment-provider");
        assertThat(FakePortOne.cancelRequests(impUid)).isZero();
    }

    /**
     * Without a REST API key and secret nothing can be asked of PortOne: a notification is 503 without a call (the
     * node had asked PortOne for a token with an empty key and secret on every anonymous webhook).
     */
    @Test
    void asksPortOneNothingWithoutAKeyAndSecret() {
        PortOneClient unconfigured = new PortOneClient(
                new PortOneProperties(URI.create(FakePortOne.start()), "", "", null, null),
                RestClient.builder(),
                new ObjectMapper());
        int asked = FakePortOne.tokenRequests();
        assertThatThrownBy(() -> unconfigured.find("imp_unconfigured"))
                .isInstanceOfSatisfying(
                        BusinessException.class,
                        refused -> assertThat(refused.code()).isEqualTo(StoreError.PAYMENT_PROVIDER_UNAVAILABLE))
                .hasMessageContaining("not configured");
        assertThatThrownBy(() -> unconfigured.cancel("imp_unconfigured", "no keys"))
                .isInstanceOf(BusinessException.class)
                .hasMessageContaining("not configured");
        assertThat(FakePortOne.tokenRequests()).isEqualTo(asked);
    }

    @Test
    void canKeepOneAccessTokenForManyLookUps() {
        Merchant merchant = openStore("Token Keeper");
        String tea = menu(merchant, "Tea", 3_000);
        Member customer = api.signUp("Token Customer");
        pay(ordered(customer, merchant.storeId(), tea, 1, 0).getString("orderId"), 3_000);
        int tokens = FakePortOne.tokensIssued();
        for (int i = 0; i < 3; i++) {
            pay(ordered(customer, merchant.storeId(), tea, 1, 0).getString("orderId"), 3_000);
        }
        assertThat(FakePortOne.tokensIssued()).isEqualTo(tokens);
    }

    @Test
    void cannotLetAForgedNotificationOfAnUnknownPaymentChangeAnything() {
        Merchant merchant = openStore("Forgery Target");
        String cake = menu(merchant, "Cake", 6_000);
        Member victim = api.signUp("Forgery Victim");
        String orderId = ordered(victim, merchant.storeId(), cake, 1, 0).getString("orderId");

        webhook("imp_forged000001", orderId, "failed").then().statusCode(200).body("outcome", equalTo("IGNORED"));
        webhook("imp_forged000002", orderId, "paid").then().statusCode(200).body("outcome", equalTo("IGNORED"));

        Projections.awaitAllCaughtUp(api.admin());
        JsonPath order = orderOf(victim, orderId);
        assertThat(order.getString("status")).isEqualTo("AWAITING_PAYMENT");
        assertThat(order.getList("payments")).isEmpty();
        String impUid = pay(orderId, 6_000);
        assertThat(orderOf(victim, orderId).getString("paymentId")).isEqualTo(impUid);
    }

    @Test
    void canRefuseAWrongAmountAndCancelThePaymentAtTheProviderOnce() {
        Merchant merchant = openStore("Wrong Amount");
        String bagel = menu(merchant, "Bagel", 3_800);
        Member customer = api.signUp("Short Payer");
        grantPoints(api.admin(), customer, 1_000, "Welcome");
        String orderId = ordered(customer, merchant.storeId(), bagel, 1, 800).getString("orderId");
        awaitPoints(customer, 200, 800);

        String impUid = FakePortOne.paid(orderId, 100);
        webhook(impUid, orderId, "paid").then().statusCode(200).body("outcome", equalTo("REFUSED"));
        webhook(impUid, orderId, "paid").then().statusCode(200).body("outcome", equalTo("DUPLICATE"));

        awaitCancelledAtProvider(impUid);
        awaitStatus(customer, orderId, "REFUSED");
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(orderOf(customer, orderId).getList("payments.outcome"))
                        .containsExactly("REFUSED_TO_CANCEL", "CANCELLED"));
        assertThat(FakePortOne.cancelRequests(impUid)).isEqualTo(1);
        awaitPoints(customer, 1_000, 0);
        webhook(impUid, orderId, "cancelled").then().statusCode(200).body("outcome", equalTo("DUPLICATE"));
        assertThat(FakePortOne.cancelRequests(impUid)).isEqualTo(1);
    }

    /**
     * KRW has no minor unit: 3,000.9 or 2^64 + 3,000 is not 3,000, though truncating or wrapping made it so; nor is
     * 2,999.9999999999999, though read as a double it was.
     */
    @Test
    void canRefuseAnAmountThatIsNoWholeNumberOfWonAndCancelIt() {
        Merchant merchant = openStore("Odd Amounts");
        String bagel = menu(merchant, "Bagel", 3_000);
        Member customer = api.signUp("Odd Payer");
        for (Number amount : List.<Number>of(
                new BigDecimal("3000.9"),
                BigInteger.TWO.pow(64).add(BigInteger.valueOf(3_000)),
                new BigDecimal("2999.9999999999999"),
                new BigDecimal("3000.00000000000000000001"))) {
            String orderId = ordered(customer, merchant.storeId(), bagel, 1, 0).getString("orderId");
            String impUid = FakePortOne.paidExactly(orderId, amount);

            webhook(impUid, orderId, "paid").then().statusCode(200).body("outcome", equalTo("REFUSED"));

            awaitCancelledAtProvider(impUid);
            awaitStatus(customer, orderId, "REFUSED");
            assertThat(orderOf(customer, orderId).getString("reason"))
                    .isEqualTo("the payment's amount is not a whole number of won");
        }
    }

    /**
     * A cancel_amount far past any amount or a sliver of a won, written with a large exponent: rounding it to whole
     * won had built a power of ten with a billion digits - a 500 (the notification failed) or, a little short of
     * that, a request thread busy for minutes.
     */
    @Test
    void canRefuseAPaymentWhoseCancelledAmountHasAnExtremeExponent() {
        Merchant merchant = openStore("Extreme Refunds");
        String tart = menu(merchant, "Tart", 3_000);
        Member customer = api.signUp("Extreme Payer");
        for (Map.Entry<BigDecimal, String> cancelled : Map.of(
                        new BigDecimal("1E+1000000000"),
                                "the provider reports 9223372036854775807 of the 3000 paid cancelled",
                        new BigDecimal("1E-1000000000"), "the provider reports 1 of the 3000 paid cancelled")
                .entrySet()) {
            String orderId = ordered(customer, merchant.storeId(), tart, 1, 0).getString("orderId");
            String impUid = FakePortOne.paidWithCancelAmount(orderId, 3_000, cancelled.getKey());

            webhook(impUid, orderId, "paid").then().statusCode(200).body("outcome", equalTo("REFUSED"));

            awaitCancelledAtProvider(impUid);
            awaitStatus(customer, orderId, "REFUSED");
            assertThat(orderOf(customer, orderId).getString("reason")).isEqualTo(cancelled.getValue());
        }
    }

    @Test
    void canActOnTheOrderTheProviderRecordsRatherThanTheOneTheNotificationNames() {
        Merchant merchant = openStore("Two Orders");
        String scone = menu(merchant, "Scone", 2_500);
        Member first = api.signUp("Named Customer");
        Member second = api.signUp("Paying Second");
        String named = ordered(first, merchant.storeId(), scone, 1, 0).getString("orderId");
        String paidFor = ordered(second, merchant.storeId(), scone, 2, 0).getString("orderId");

        String impUid = FakePortOne.paid(paidFor, 5_000);
        webhook(impUid, named, "paid").then().statusCode(200).body("outcome", equalTo("PLACED"));

        assertThat(orderOf(second, paidFor).getString("status")).isEqualTo("PLACED");
        assertThat(orderOf(first, named).getString("status")).isEqualTo("AWAITING_PAYMENT");
    }

    @Test
    void cannotDecideWhileTheProviderIsDownAndSucceedsWhenItRetries() {
        Merchant merchant = openStore("Outage Cafe");
        String muffin = menu(merchant, "Muffin", 3_300);
        Member customer = api.signUp("Patient Payer");
        String orderId = ordered(customer, merchant.storeId(), muffin, 1, 0).getString("orderId");
        String impUid = FakePortOne.paid(orderId, 3_300);

        FakePortOne.mode(FakePortOne.Mode.SERVER_ERROR);
        webhook(impUid, orderId, "paid").then().statusCode(503).body("code", equalTo("PAYMENT_PROVIDER_UNAVAILABLE"));
        FakePortOne.mode(FakePortOne.Mode.UNREACHABLE);
        webhook(impUid, orderId, "paid")
                .then()
                .statusCode(503)
                .header("Retry-After", "1")
                .body("code", equalTo("PAYMENT_PROVIDER_UNAVAILABLE"))
                .body("detail", not(containsString("127.0.0.1")));
        Projections.awaitAllCaughtUp(api.admin());
        assertThat(orderOf(customer, orderId).getString("status")).isEqualTo("AWAITING_PAYMENT");

        FakePortOne.mode(FakePortOne.Mode.UP);
        webhook(impUid, orderId, "paid").then().statusCode(200).body("outcome", equalTo("PLACED"));
        assertThat(orderOf(customer, orderId).getString("status")).isEqualTo("PLACED");
    }

    /** Only PortOne saying it has no such payment is "unknown": a 429 or a page that is no JSON was IGNORED for good. */
    @Test
    void aProviderAnswerThatIsNoPaymentIsRetriedNotIgnored() {
        Merchant merchant = openStore("Throttled Cafe");
        String scone = menu(merchant, "Scone", 4_000);
        Member customer = api.signUp("Throttled Payer");
        for (FakePortOne.Mode noAnswer :
                List.of(FakePortOne.Mode.THROTTLED, FakePortOne.Mode.GARBLED, FakePortOne.Mode.ARRAY_ANSWERS)) {
            String orderId = ordered(customer, merchant.storeId(), scone, 1, 0).getString("orderId");
            String impUid = FakePortOne.paid(orderId, 4_000);
            FakePortOne.mode(noAnswer);
            webhook(impUid, orderId, "paid")
                    .then()
                    .statusCode(503)
                    .body("code", equalTo("PAYMENT_PROVIDER_UNAVAILABLE"));
            FakePortOne.mode(FakePortOne.Mode.UP);
            webhook(impUid, orderId, "paid").then().statusCode(200).body("outcome", equalTo("PLACED"));
        }
    }

    /** An expiry past any instant had escaped as a DateTimeException that the web layer blamed on the request (400). */
    @Test
    void aTokenWhoseExpiryIsNoInstantIsTheProviderNotAnswering() {
        Merchant merchant = openStore("Odd Token Cafe");
        String bagel = menu(merchant, "Bagel", 2_900);
        Member customer = api.signUp("Odd Token Payer");
        String orderId = ordered(customer, merchant.storeId(), bagel, 1, 0).getString("orderId");
        String impUid = FakePortOne.paid(orderId, 2_900);

        FakePortOne.mode(FakePortOne.Mode.TOKEN_EXPIRY_OUT_OF_RANGE);
        FakePortOne.forgetTokens();
        webhook(impUid, orderId, "paid").then().statusCode(503).body("code", equalTo("PAYMENT_PROVIDER_UNAVAILABLE"));
        assertThat(orderOf(customer, orderId).getString("status")).isEqualTo("AWAITING_PAYMENT");

        FakePortOne.mode(FakePortOne.Mode.UP);
        webhook(impUid, orderId, "paid").then().statusCode(200).body("outcome", equalTo("PLACED"));
    }

    /** Orders are due in won: 4,000 of another currency is another amount, refused and refunded. */
    @Test
    void aPaymentInAnotherCurrencyIsRefusedAndCancelled() {
        Merchant merchant = openStore("Won Only Cafe");
        String tea = menu(merchant, "Yuzu tea", 4_000);
        Member customer = api.signUp("Dollar Payer");
        String orderId = ordered(customer, merchant.storeId(), tea, 1, 0).getString("orderId");
        String impUid = FakePortOne.paidIn(orderId, 4_000, "USD");
        webhook(impUid, orderId, "paid").then().statusCode(200).body("outcome", equalTo("REFUSED"));
        awaitCancelledAtProvider(impUid);
        String inWon = FakePortOne.paidIn(
                ordered(customer, merchant.storeId(), tea, 1, 0).getString("orderId"), 4_000, "KRW");
        assertThat(FakePortOne.status(inWon)).isEqualTo("paid");
    }

    /** Each webhook waited for the one before to fail its own 5 s token renewal: the sixth answered after 30 s. */
    @Test
    void webhooksWaitingOnAFailedTokenRenewalFailTogether() throws Exception {
        Merchant merchant = openStore("Slow Token Cafe");
        String bun = menu(merchant, "Bun", 2_000);
        Member customer = api.signUp("Queued Payer");
        List<String[]> payments = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String orderId = ordered(customer, merchant.storeId(), bun, 1, 0).getString("orderId");
            payments.add(new String[] {FakePortOne.paid(orderId, 2_000), orderId});
        }
        FakePortOne.mode(FakePortOne.Mode.TOKENS_REFUSED_SLOWLY);
        ExecutorService senders = Executors.newFixedThreadPool(payments.size());
        long started = System.nanoTime();
        try {
            List<Future<Integer>> answers = payments.stream()
                    .map(payment -> senders.submit(
                            () -> webhook(payment[0], payment[1], "paid").statusCode()))
                    .toList();
            for (Future<Integer> answer : answers) {
                assertThat(answer.get(60, TimeUnit.SECONDS)).isEqualTo(503);
            }
        } finally {
            senders.shutdownNow();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        FakePortOne.mode(FakePortOne.Mode.UP);
        String[] first = payments.get(0);
        webhook(first[0], first[1], "paid").then().statusCode(200).body("outcome", equalTo("PLACED"));
    }

    @Test
    void cannotSendAMalformedNotification() {
        client().body("{\"imp_uid\":").post("/api/payments/webhook").then().statusCode(400);
        client().body(Map.of("merchant_uid", "x", "status", "paid"))
                .post("/api/payments/webhook")
                .then()
                .statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].field", equalTo("imp_uid"));
        client().body(Map.of("imp_uid", "imp/../../users/getToken"))
                .post("/api/payments/webhook")
                .then()
                .statusCode(400);
        client().body(Map.of("imp_uid", "x".repeat(500)))
                .post("/api/payments/webhook")
                .then()
                .statusCode(400);
        for (String dots : List.of("..", ".", "...")) {
            client().body(Map.of("imp_uid", dots))
                    .post("/api/payments/webhook")
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("VALIDATION_FAILED"));
        }
        Projections.awaitAllCaughtUp(api.admin());
    }

    @Test
    void canRefuseAPaymentThatArrivesForAnOrderPaidAlreadyAndCancelIt() {
        Merchant merchant = openStore("Double Payer");
        String juice = menu(merchant, "Juice", 5_500);
        Member customer = api.signUp("Twice Paid");
        String orderId = ordered(customer, merchant.storeId(), juice, 1, 0).getString("orderId");
        String first = pay(orderId, 5_500);
        String second = FakePortOne.paid(orderId, 5_500);
        webhook(second, orderId, "paid").then().statusCode(200).body("outcome", equalTo("REFUSED"));
        awaitCancelledAtProvider(second);
        assertThat(FakePortOne.status(first)).isEqualTo("paid");
        JsonPath order = orderOf(customer, orderId);
        assertThat(order.getString("status")).isEqualTo("PLACED");
        assertThat(order.getString("paymentId")).isEqualTo(first);
    }

    @Test
    void canAcceptAndCompleteAnOrderPayingTheStoreAndEarningPoints() {
        Merchant merchant = openStore("Full Cycle");
        String beans = menu(merchant, "Beans 1kg", 25_000);
        Member customer = api.signUp("Loyal Customer");
        grantPoints(api.admin(), customer, 3_000, "Welcome gift");
        JsonPath created = ordered(customer, merchant.storeId(), beans, 2, 1_000);
        assertThat(created.getLong("amountDue")).isEqualTo(49_000);
        assertThat(created.getLong("pointsUsed")).isEqualTo(1_000);
        String orderId = created.getString("orderId");
        pay(orderId, 49_000);

        merchant.request()
                .post("/api/store-orders/" + orderId + "/complete")
                .then()
                .statusCode(409)
                .body("code", equalTo("INVALID_TRANSITION"));
        merchant.request()
                .post("/api/store-orders/" + orderId + "/accept")
                .then()
                .statusCode(200)
                .body("status", equalTo("ACCEPTED"));
        awaitPoints(customer, 2_000, 0);
        merchant.request()
                .post("/api/store-orders/" + orderId + "/reject")
                .then()
                .statusCode(409)
                .body("code", equalTo("INVALID_TRANSITION"));
        merchant.request()
                .post("/api/store-orders/" + orderId + "/complete")
                .then()
                .statusCode(200)
                .body("status", equalTo("COMPLETED"));

        awaitPoints(customer, 2_000 + 490, 0);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> merchant.request()
                        .get("/api/stores/" + merchant.storeId() + "/wallet")
                        .then()
                        .statusCode(200)
                        .body("balance", equalTo(49_000))
                        .body("transactions[0].kind", equalTo("STORE_SALE"))
                        .body("transactions[0].orderId", equalTo(orderId)));
        JsonPath points = StoreSteps.points(customer);
        assertThat(points.getList("history.reason"))
                .containsExactly("Earned with an order", "Spent on an order", "Welcome gift");
        assertThat(points.getList("history.amount", Long.class)).containsExactly(490L, -1_000L, 3_000L);
        api.admin()
                .request()
                .get("/api/stores/" + merchant.storeId() + "/wallet")
                .then()
                .statusCode(200);
        assertThat(orderOf(customer, orderId).getLong("pointsEarned")).isEqualTo(490);
    }

    @Test
    void canRejectAPaidOrderCancellingThePaymentAndReleasingThePoints() {
        Merchant merchant = openStore("Rejecting Cafe");
        String waffle = menu(merchant, "Waffle", 7_000);
        Member customer = api.signUp("Rejected Customer");
        grantPoints(api.admin(), customer, 2_000, "Apology");
        String orderId = ordered(customer, merchant.storeId(), waffle, 1, 2_000).getString("orderId");
        String impUid = pay(orderId, 5_000);
        awaitPoints(customer, 0, 2_000);

        merchant.request()
                .body(Map.of("reason", "Out of batter"))
                .post("/api/store-orders/" + orderId + "/reject")
                .then()
                .statusCode(200)
                .body("status", equalTo("REJECTED"));
        awaitCancelledAtProvider(impUid);
        awaitPoints(customer, 2_000, 0);
        assertThat(FakePortOne.cancelRequests(impUid)).isEqualTo(1);
        merchant.request()
                .post("/api/store-orders/" + orderId + "/accept")
                .then()
                .statusCode(409)
                .body("code", equalTo("INVALID_TRANSITION"));
        api.signUp("Not The Merchant")
                .request()
                .post("/api/store-orders/" + orderId + "/accept")
                .then()
                .statusCode(403);
        StoreSteps.openStore("Other Merchant")
                .request()
                .post("/api/store-orders/" + orderId + "/accept")
                .then()
                .statusCode(404);
    }

    /** Seed 003 refuses an order whose store is closed when it is sent; the payment is cancelled, not kept. */
    @Test
    void anOrderWhoseStoreClosedBeforeItWasPaidIsRefusedAndRefunded() {
        Merchant merchant = openStore("Closing Early");
        String soup = menu(merchant, "Soup", 7_000);
        Member customer = api.signUp("Late Diner");
        String orderId = ordered(customer, merchant.storeId(), soup, 1, 0).getString("orderId");
        merchant.request()
                .put("/api/stores/" + merchant.storeId() + "/close")
                .then()
                .statusCode(200);

        String impUid = FakePortOne.paid(orderId, 7_000);
        webhook(impUid, orderId, "paid").then().statusCode(200).body("outcome", equalTo("REFUSED"));
        awaitCancelledAtProvider(impUid);
        awaitStatus(customer, orderId, "REFUSED");
        assertThat(orderOf(customer, orderId).getString("reason")).contains("store closed");
    }

    /**
     * A customer who resigned while an order waited for its payment is not served: a payment that comes afterwards is
     * refused and refunded, and the points the order held are given back, instead of an order placed for nobody to
     * collect whose completion would pay points to a resigned account.
     */
    @Test
    void anOrderPaidAfterItsCustomerResignedIsRefusedAndRefunded() {
        Merchant merchant = openStore("Left Behind Orders");
        String bun = menu(merchant, "Bun", 1_500);
        Member customer = api.signUp("Resigning Customer");
        grantPoints(api.admin(), customer, 500, "Welcome");
        String waiting = ordered(customer, merchant.storeId(), bun, 1, 500).getString("orderId");
        assertThat(orderOf(merchant.member(), waiting).getString("status")).isEqualTo("AWAITING_PAYMENT");

        customer.request().delete("/api/me").then().statusCode(204);
        String payment = FakePortOne.paid(waiting, 1_000);

        webhook(payment, waiting, "paid").then().statusCode(200).body("outcome", equalTo("REFUSED"));
        awaitCancelledAtProvider(payment);
        awaitStatus(merchant.member(), waiting, "REFUSED");
        assertThat(orderOf(merchant.member(), waiting).getString("reason")).contains("customer has left");
        LedgerSteps.assertLedgerHolds(api.admin());
        Projections.awaitAllCaughtUp(api.admin());
    }

    /**
     * An order placed before its customer resigned stays to be served; completing it credits the store as any order,
     * but earns the resigned customer no points, which nobody could ever spend.
     */
    @Test
    void anOrderCompletedAfterItsCustomerResignedCreditsTheStoreAndEarnsNoPoints() {
        Merchant merchant = openStore("Served After Leaving");
        String bun = menu(merchant, "Bun", 10_000);
        Member customer = api.signUp("Leaving After Paying");
        String orderId = ordered(customer, merchant.storeId(), bun, 1, 0).getString("orderId");
        pay(orderId, 10_000);
        merchant.request()
                .post("/api/store-orders/" + orderId + "/accept")
                .then()
                .statusCode(200);
        customer.request().delete("/api/me").then().statusCode(204);

        merchant.request()
                .post("/api/store-orders/" + orderId + "/complete")
                .then()
                .statusCode(200)
                .body("status", equalTo("COMPLETED"));

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> merchant.request()
                        .get("/api/stores/" + merchant.storeId() + "/wallet")
                        .then()
                        .statusCode(200)
                        .body("balance", equalTo(10_000)));
        awaitStatus(merchant.member(), orderId, "COMPLETED");
        assertThat(orderOf(merchant.member(), orderId).getLong("pointsEarned")).isZero();
        api.admin()
                .request()
                .get("/api/audit/aggregates/tr-store-points-earned-" + orderId + "/events")
                .then()
                .statusCode(404);
        LedgerSteps.assertLedgerHolds(api.admin());
        Projections.awaitAllCaughtUp(api.admin());
    }

    /**
     * Nobody is left to serve a resigned merchant's orders: the store closes in the resignation's transaction, an
     * order paid afterwards is refused and refunded, and an ADMIN rejects (and refunds) what was already placed.
     */
    @Test
    void aResigningMerchantsStoreClosesAndAnAdminRefundsWhatItLeftPlaced() {
        Merchant merchant = openStore("Leaving Merchant");
        String bun = menu(merchant, "Bun", 1_500);
        Member customer = api.signUp("Stranded Customer");
        String placed = ordered(customer, merchant.storeId(), bun, 1, 0).getString("orderId");
        String placedPayment = pay(placed, 1_500);
        String waiting = ordered(customer, merchant.storeId(), bun, 1, 0).getString("orderId");

        merchant.request().delete("/api/me").then().statusCode(204);
        StoreSteps.order(customer, merchant.storeId(), Map.of(bun, 1), 0)
                .then()
                .statusCode(409)
                .body("code", equalTo("STORE_CLOSED"));
        String waitingPayment = FakePortOne.paid(waiting, 1_500);
        webhook(waitingPayment, waiting, "paid").then().statusCode(200).body("outcome", equalTo("REFUSED"));
        awaitCancelledAtProvider(waitingPayment);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> client().get("/api/stores/" + merchant.storeId())
                        .then()
                        .statusCode(200)
                        .body("open", equalTo(false)));

        api.signUp("Not An Admin")
                .request()
                .post("/api/store-orders/" + placed + "/reject")
                .then()
                .statusCode(403);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> api.admin()
                        .request()
                        .queryParam("status", "PLACED")
                        .get("/api/stores/" + merchant.storeId() + "/orders")
                        .then()
                        .statusCode(200)
                        .body("items.orderId", equalTo(List.of(placed))));
        api.admin()
                .request()
                .body(Map.of("reason", "The store has closed for good"))
                .post("/api/store-orders/" + placed + "/reject")
                .then()
                .statusCode(200)
                .body("status", equalTo("REJECTED"));
        awaitCancelledAtProvider(placedPayment);
        Projections.awaitAllCaughtUp(api.admin());
    }

    /** Taking MERCHANT away leaves the store's orders with nobody to serve them, as resigning does; other roles don't. */
    @Test
    void aMerchantAnAdminTakesMerchantFromHasItsStoreClosed() {
        Merchant merchant = openStore("Demoted Merchant");
        String bun = menu(merchant, "Bun", 1_500);
        Member customer = api.signUp("Turned Away Customer");

        api.changeRoles(merchant.member().accountId(), "MERCHANT", "HOST");
        ordered(customer, merchant.storeId(), bun, 1, 0);
        api.changeRoles(merchant.member().accountId(), "HOST");

        StoreSteps.order(customer, merchant.storeId(), Map.of(bun, 1), 0)
                .then()
                .statusCode(409)
                .body("code", equalTo("STORE_CLOSED"));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> client().get("/api/stores/" + merchant.storeId())
                        .then()
                        .statusCode(200)
                        .body("open", equalTo(false)));
        Projections.awaitAllCaughtUp(api.admin());
    }

    @Test
    void canPlaceAnOrderPaidWithPointsAloneAtOnce() {
        Merchant merchant = openStore("Points Only");
        String cookie = menu(merchant, "Cookie", 1_500);
        Member customer = api.signUp("Points Spender");
        grantPoints(api.admin(), customer, 1_500, "Birthday");
        JsonPath created = ordered(customer, merchant.storeId(), cookie, 1, 1_500);
        assertThat(created.getString("status")).isEqualTo("PLACED");
        assertThat(created.getLong("amountDue")).isZero();
        merchant.request()
                .post("/api/store-orders/" + created.getString("orderId") + "/accept")
                .then()
                .statusCode(200);
        merchant.request()
                .post("/api/store-orders/" + created.getString("orderId") + "/complete")
                .then()
                .statusCode(200);
        awaitPoints(customer, 0, 0);
    }

    /**
     * A gift bought while its store's merchant resigns (held here where a resignation starts, the merchant's
     * credentials row updated and not yet committed) waits for it and is refused: read without a lock, the gift was
     * taken for a store whose merchant had just left, and its coupon could never be served.
     */
    @Test
    void aGiftRacingItsMerchantsResignationWaitsForItAndIsRefused() throws Exception {
        Merchant merchant = openStore("Leaving While Gifted");
        String bun = menu(merchant, "Bun", 1_500);
        Member giver = api.signUp("Racing Giver");
        Member friend = api.signUp("Racing Friend");
        Response gift =
                duringResignationOf(merchant.member(), () -> StoreSteps.gift(giver, friend, merchant, bun, "For you"));
        assertThat(gift.statusCode()).as(gift.asString()).isEqualTo(409);
        assertThat(gift.<String>path("code")).isEqualTo("STORE_CLOSED");
    }

    /** An ADMIN's grant racing the user's resignation: before it, the grant waits for it and finds nobody to give to. */
    @Test
    void aGrantRacingItsRecipientsResignationWaitsForItAndIsRefused() throws Exception {
        Member leaving = api.signUp("Granted While Leaving");
        Response grant = duringResignationOf(
                leaving,
                () -> api.admin()
                        .request()
                        .body(Map.of("amount", 700, "reason", "Farewell"))
                        .post("/api/admin/users/" + leaving.accountId() + "/points"));
        assertThat(grant.statusCode()).as(grant.asString()).isEqualTo(404);
        assertThat(grant.<String>path("code")).isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(jdbc.sql("SELECT count(*) FROM ledger_account WHERE account_id = :id AND credits_posted > 0")
                        .param(
                                "id",
                                LedgerAccountId.points(AccountId.of(leaving.accountId()))
                                        .value())
                        .query(Long.class)
                        .single())
                .as("points credited to the resigned account")
                .isZero();
    }

    /**
     * A completion racing its customer's resignation (held here where it starts, the customer's credentials row updated
     * and not yet committed) waits for it and earns the customer nothing, while the store is credited: read without a
     * lock, the customer was still there, and the points went to the resigned account, where nobody can spend them.
     */
    @Test
    void aCompletionRacingItsCustomersResignationWaitsForItAndEarnsNothing() throws Exception {
        Merchant merchant = openStore("Served While Leaving");
        String bun = menu(merchant, "Bun", 10_000);
        Member customer = api.signUp("Leaving While Served");
        String orderId = ordered(customer, merchant.storeId(), bun, 1, 0).getString("orderId");
        pay(orderId, 10_000);
        merchant.request()
                .post("/api/store-orders/" + orderId + "/accept")
                .then()
                .statusCode(200);

        Response completed = duringResignationOf(
                customer, () -> merchant.request().post("/api/store-orders/" + orderId + "/complete"));

        assertThat(completed.statusCode()).as(completed.asString()).isEqualTo(200);
        assertThat(completed.<String>path("status")).isEqualTo("COMPLETED");
        assertThat(jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = :id")
                        .param(
                                "id",
                                TransferId.forKey("store-points-earned", orderId)
                                        .value())
                        .query(Long.class)
                        .single())
                .as("points earned by the resigned customer")
                .isZero();
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> merchant.request()
                        .get("/api/stores/" + merchant.storeId() + "/wallet")
                        .then()
                        .statusCode(200)
                        .body("balance", equalTo(10_000)));
        LedgerSteps.assertLedgerHolds(api.admin());
    }

    private Response duringResignationOf(Member member, Supplier<Response> request) throws Exception {
        return HeldTransaction.duringResignationOf(transactions, jdbc, member.accountId(), request);
    }

    /**
     * A merchant may order from their own store. The order's payment racing the merchant's resignation had taken the
     * store's lock and then waited for the merchant's credentials row, which the resignation holds before it takes the
     * store's lock to close it: crosswise, PostgreSQL broke the deadlock after a second by failing one of them (here the
     * webhook, 409 {@code CONCURRENT_MODIFICATION}, left for the provider to send again). Held here between the two
     * steps a resignation takes, the payment now waits for it and is refused.
     */
    @Test
    void aMerchantsOwnOrderPaidWhileTheyResignWaitsForTheResignationAndIsRefused() throws Exception {
        Merchant merchant = openStore("Own Customer");
        String bun = menu(merchant, "Bun", 1_500);
        AccountId merchantId = AccountId.of(merchant.member().accountId());
        String orderId =
                ordered(merchant.member(), merchant.storeId(), bun, 1, 0).getString("orderId");
        String payment = FakePortOne.paid(orderId, 1_500);
        CountDownLatch credentialsHeld = new CountDownLatch(1);
        CountDownLatch closeStores = new CountDownLatch(1);
        CompletableFuture<Void> resigning =
                CompletableFuture.runAsync(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
                    jdbc.sql("UPDATE account_credentials SET resigned = true WHERE account_id = :id")
                            .param("id", merchantId.value())
                            .update();
                    credentialsHeld.countDown();
                    await().atMost(Duration.ofSeconds(30)).until(() -> closeStores.getCount() == 0);
                    catalog.openStoresOf(merchantId);
                }));
        try {
            assertThat(credentialsHeld.await(30, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Response> paying = CompletableFuture.supplyAsync(() -> webhook(payment, orderId, "paid"));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> paying.isDone() || HeldTransaction.lockWaitsOn(jdbc, "account_credentials") > 0);
            closeStores.countDown();
            resigning.get(30, TimeUnit.SECONDS);
            Response paid = paying.get(30, TimeUnit.SECONDS);
            assertThat(paid.statusCode()).as(paid.asString()).isEqualTo(200);
            assertThat(paid.<String>path("outcome")).isEqualTo("REFUSED");
        } finally {
            closeStores.countDown();
            jdbc.sql("UPDATE account_credentials SET resigned = false WHERE account_id = :id")
                    .param("id", merchantId.value())
                    .update();
        }
        awaitCancelledAtProvider(payment);
        awaitStatus(merchant.member(), orderId, "REFUSED");
    }
}
