package io.hindsight.store;

import static io.hindsight.store.StoreSteps.menu;
import static io.hindsight.store.StoreSteps.merchant;
import static io.hindsight.store.StoreSteps.openStore;
import static io.hindsight.store.StoreSteps.ordered;
import static io.hindsight.store.StoreSteps.signUpMerchant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.hindsight.ledger.LedgerSteps;
import io.hindsight.store.StoreSteps.Merchant;
import io.hindsight.store.api.MenuId;
import io.hindsight.store.api.OrderItem;
import io.hindsight.store.api.StoreId;
import io.hindsight.store.guard.StoreCatalog;
import io.hindsight.support.Api;
import io.hindsight.support.Api.Member;
import io.hindsight.support.HeldTransaction;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.Projections;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

class StoresIT extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    StoreCatalog catalog;

    @AfterEach
    void ledgerStillHolds() {
        LedgerSteps.assertLedgerHolds(api.admin());
    }

    /** A zero-width space passed Java's isBlank: a store, a menu item and a delivery address that show as nothing. */
    @Test
    void aStoreNameMenuOrAddressThatShowsNothingIsRefused() {
        signUpMerchant("Invisible Owner", "\u200b").then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        Merchant merchant = openStore("Visible Owner");
        merchant.request()
                .body(Map.of("name", "\u2060\u00ad", "price", 1_000))
                .post("/api/stores/" + merchant.storeId() + "/menus")
                .then()
                .statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"));
        String latte = menu(merchant, "Latte", 4_000);
        api.signUp("Nowhere Customer")
                .request()
                .body(Map.of(
                        "storeId",
                        merchant.storeId(),
                        "items",
                        List.of(Map.of("menuId", latte, "quantity", 1)),
                        "delivery",
                        Map.of("address", "\u202e")))
                .post("/api/store-orders")
                .then()
                .statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"));
    }

    /**
     * An optional text that shows nothing is absent, like a blank one: a zero-width description, delivery request or
     * gift message had been refused as "required".
     */
    @Test
    void anOptionalTextThatShowsNothingIsAbsent() {
        Merchant merchant = openStore("Quiet Owner");
        String tea = merchant.request()
                .body(Map.of("name", "Tea", "price", 2_000, "description", "\u200b"))
                .post("/api/stores/" + merchant.storeId() + "/menus")
                .then()
                .statusCode(201)
                .extract()
                .path("menuId");
        client().get("/api/stores/" + merchant.storeId())
                .then()
                .statusCode(200)
                .body("menu.find { it.menuId == '" + tea + "' }.description", nullValue());
        Member customer = api.signUp("Quiet Customer");
        String orderId = customer.request()
                .body(Map.of(
                        "storeId",
                        merchant.storeId(),
                        "items",
                        List.of(Map.of("menuId", tea, "quantity", 1)),
                        "delivery",
                        Map.of("address", "12 Quiet-ro", "request", "\u2060\u00ad")))
                .post("/api/store-orders")
                .then()
                .statusCode(201)
                .extract()
                .path("orderId");
        assertThat(StoreSteps.orderOf(customer, orderId).getString("delivery.request"))
                .isNull();
        String giftId = StoreSteps.gift(customer, api.signUp("Quiet Friend"), merchant, tea, " \u200b ")
                .then()
                .statusCode(201)
                .extract()
                .path("orderId");
        assertThat(StoreSteps.orderOf(customer, giftId).getString("gift.message"))
                .isNull();
    }

    @Test
    void canSignUpAsAMerchantWithAClosedStoreAndItsWallet() {
        Response response = signUpMerchant("Hana Seo", "Hana's Beans");
        response.then().statusCode(201);
        String merchantId = response.path("merchantId");
        String storeId = response.path("storeId");
        String walletId = response.path("walletId");
        assertThat(List.of(merchantId, storeId, walletId))
                .doesNotHaveDuplicates()
                .doesNotContainNull();
        assertThat(response.header("Location")).isEqualTo("/api/stores/" + storeId);

        Member merchant =
                new Member(merchantId, null, null, response.path("accessToken"), response.path("refreshToken"));
        merchant.request().get("/api/me").then().statusCode(200).body("roles", hasItem("MERCHANT"));
        client().get("/api/stores/" + storeId)
                .then()
                .statusCode(200)
                .body("name", equalTo("Hana's Beans"))
                .body("open", equalTo(false))
                .body("menu.size()", equalTo(0));
        merchant.request()
                .get("/api/stores/" + storeId + "/wallet")
                .then()
                .statusCode(200)
                .body("walletId", equalTo(walletId))
                .body("balance", equalTo(0));
        // before its store there was no wallet, as there was no store
        merchant.request()
                .queryParam("asOf", "2000-01-01T00:00:00Z")
                .get("/api/stores/" + storeId + "/wallet")
                .then()
                .statusCode(404)
                .body("code", equalTo("STORE_NOT_FOUND"));
        api.withRoles("Wallet Auditor", "AUDITOR")
                .request()
                .queryParam("asOf", "2000-01-01T00:00:00Z")
                .get("/api/stores/" + storeId + "/wallet")
                .then()
                .statusCode(404);
    }

    @Test
    void cannotSignUpAsAMerchantWithATakenEmailAndLeavesNoStoreBehind() {
        Member member = api.signUp("Taken Email");
        long storesBefore = client().get("/api/stores")
                .then()
                .extract()
                .<Number>path("total")
                .longValue();
        client().body(Map.of(
                        "email", member.email(),
                        "password", "password-long",
                        "name", "Copycat",
                        "storeName", "Copy Coffee",
                        "address", "Somewhere"))
                .post("/api/merchants")
                .then()
                .statusCode(409)
                .body("code", equalTo("EMAIL_TAKEN"));
        Projections.awaitAllCaughtUp(api.admin());
        assertThat(client().get("/api/stores")
                        .then()
                        .extract()
                        .<Number>path("total")
                        .longValue())
                .isEqualTo(storesBefore);
    }

    @Test
    void canOpenAndCloseTheStoreAndTheListShowsIt() {
        Merchant merchant = merchant("Open Close");
        merchant.request()
                .put("/api/stores/" + merchant.storeId() + "/open")
                .then()
                .statusCode(200)
                .body("storeId", equalTo(merchant.storeId()))
                .body("open", equalTo(true));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> client().queryParam("open", true)
                        .queryParam("limit", 1000)
                        .get("/api/stores")
                        .then()
                        .statusCode(200)
                        .body("items.storeId", hasItem(merchant.storeId())));
        merchant.request()
                .put("/api/stores/" + merchant.storeId() + "/close")
                .then()
                .statusCode(200)
                .body("open", equalTo(false));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> client().queryParam("open", true)
                        .queryParam("limit", 1000)
                        .get("/api/stores")
                        .then()
                        .statusCode(200)
                        .body("items.storeId", not(hasItem(merchant.storeId()))));
        JsonPath list = client().queryParam("open", false)
                .queryParam("limit", 1000)
                .get("/api/stores")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Object> summary = list.getMap("items.find { it.storeId == '" + merchant.storeId() + "' }");
        assertThat(summary).containsOnlyKeys("storeId", "name", "address", "open");
    }

    @Test
    void canManageTheMenuAndOrdersKeepThePricePaid() {
        Merchant merchant = openStore("Menu Keeper");
        String latte = menu(merchant, "Latte", 4_500);
        Member customer = api.signUp("Price Keeper");
        String orderId = ordered(customer, merchant.storeId(), latte, 2, 0).getString("orderId");

        merchant.request()
                .body(Map.of("price", 5_000, "name", "Cafe Latte"))
                .patch("/api/stores/" + merchant.storeId() + "/menus/" + latte)
                .then()
                .statusCode(200)
                .body("price", equalTo(5_000))
                .body("name", equalTo("Cafe Latte"))
                .body("available", equalTo(true));
        client().get("/api/stores/" + merchant.storeId())
                .then()
                .statusCode(200)
                .body("menu[0].menuId", equalTo(latte))
                .body("menu[0].price", equalTo(5_000))
                .body("menu[0].description", equalTo("Latte, freshly made"));
        StoreSteps.orderOf(customer, orderId)
                .getList("items.unitPrice", Integer.class)
                .forEach(price -> assertThat(price).isEqualTo(4_500));
        assertThat(ordered(customer, merchant.storeId(), latte, 1, 0).getLong("amountDue"))
                .isEqualTo(5_000);

        merchant.request()
                .body(Map.of("available", false))
                .patch("/api/stores/" + merchant.storeId() + "/menus/" + latte)
                .then()
                .statusCode(200)
                .body("available", equalTo(false));
        StoreSteps.order(customer, merchant.storeId(), Map.of(latte, 1), 0)
                .then()
                .statusCode(409)
                .body("code", equalTo("MENU_UNAVAILABLE"));
    }

    @Test
    void canReadAStoreAsItWasBeforeAChange() {
        Merchant merchant = merchant("As Of Store");
        Instant beforeMenu = Instant.now();
        menu(merchant, "Mocha", 5_200);
        client().queryParam("asOf", beforeMenu.toString())
                .get("/api/stores/" + merchant.storeId())
                .then()
                .statusCode(200)
                .body("menu.size()", equalTo(0))
                .body("asOf", equalTo(beforeMenu.toString()));
        client().get("/api/stores/" + merchant.storeId()).then().body("menu.size()", equalTo(1));
    }

    @Test
    void cannotOrderFromAClosedStore() {
        Merchant merchant = merchant("Closed Shop");
        String tea = menu(merchant, "Tea", 3_000);
        StoreSteps.order(api.signUp("Closed Customer"), merchant.storeId(), Map.of(tea, 1), 0)
                .then()
                .statusCode(409)
                .body("code", equalTo("STORE_CLOSED"));
    }

    /**
     * A store opened by a request that raced its merchant's resignation had stayed open, taking paid orders nobody
     * could serve: the opening either runs first and the resignation closes it, or runs after and is refused.
     */
    @Test
    void aStoreOpenedWhileItsMerchantResignsEndsClosed() throws Exception {
        openingRacing("Racing Merchant", merchant -> merchant.request().delete("/api/me"), 204, 200, 401, 409);
    }

    /** The same race with an ADMIN taking MERCHANT away: the opening runs first and is wound up, or is refused. */
    @Test
    void aStoreOpenedWhileAnAdminTakesMerchantAwayEndsClosed() throws Exception {
        Member admin = api.admin();
        openingRacing(
                "Demoted Merchant",
                merchant -> Api.rolesChange(admin, merchant.member().accountId(), "MEMBER"),
                200,
                200,
                401,
                403);
    }

    /** A store taking orders without pause can still close: the closing goes ahead of the orders after it. */
    @Test
    void aClosingGoesAheadOfOrdersThatArriveWhileItWaits() throws Exception {
        Merchant merchant = openStore("Always Busy");
        StoreId store = StoreId.of(merchant.storeId());

        HeldTransaction.WriterBetweenReaders<Boolean> race = HeldTransaction.writerBetweenReaders(
                transactions,
                jdbc,
                () -> catalog.isOpen(store),
                () -> merchant.request().put("/api/stores/" + merchant.storeId() + "/close"),
                () -> catalog.isOpen(store));

        race.writer().then().statusCode(200);
        assertThat(race.laterReader())
                .as("open, to the order that came after the closing")
                .isFalse();
    }

    /**
     * A change that names only what is so already (a merchant's app retrying a PATCH whose answer it lost, an item
     * made unavailable twice) was 400 NOTHING_TO_CHANGE; it is 200 with the item and records nothing, as a product's
     * or a campaign's is. A change naming nothing stays 400.
     */
    @Test
    void aMenuChangeRepeatedIsANoOpAndAnEmptyOneIsRefused() {
        Merchant merchant = openStore("Repeating Cafe");
        String latte = menu(merchant, "Repeated Latte", 4_000);
        String path = "/api/stores/" + merchant.storeId() + "/menus/" + latte;
        for (int i = 0; i < 2; i++) {
            merchant.request()
                    .body(Map.of("price", 4_500, "available", false))
                    .patch(path)
                    .then()
                    .statusCode(200)
                    .body("price", equalTo(4_500))
                    .body("available", equalTo(false));
        }
        merchant.request()
                .body(Map.of("name", "Repeated Latte", "description", "Repeated Latte, freshly made"))
                .patch(path)
                .then()
                .statusCode(200)
                .body("name", equalTo("Repeated Latte"));
        merchant.request().body(Map.of()).patch(path).then().statusCode(400).body("code", equalTo("NOTHING_TO_CHANGE"));
        assertThat(jdbc.sql("""
                                SELECT count(*) FROM domain_event_entry
                                WHERE aggregate_identifier = :store AND payload_type LIKE '%MenuItemChanged'""")
                        .param("store", merchant.storeId())
                        .query(Long.class)
                        .single())
                .as("one change recorded")
                .isEqualTo(1);
    }

    /**
     * A new price (or an item made unavailable) waited for no order being taken: the order read the old price while
     * the change committed, and its event was stamped after the change's, so the store's menu as of the order's
     * instant showed another price than the order was charged. The held transaction is an order that has read the
     * menu; the change waits for it, and an order after the change is taken at the new price.
     */
    @Test
    void aMenuChangeWaitsForTheOrderBeingTakenAtTheOldPrice() throws Exception {
        Merchant merchant = openStore("Repricing Cafe");
        String latte = menu(merchant, "Repriced Latte", 4_000);
        StoreId store = StoreId.of(merchant.storeId());
        List<OrderItem> oneLatte = List.of(new OrderItem(MenuId.of(latte), 1));
        AtomicLong seen = new AtomicLong();
        try (HeldTransaction order = HeldTransaction.open(
                transactions,
                () -> seen.set(catalog.linesOrRefuse(store, oneLatte, true).total()))) {
            CompletableFuture<Response> repricing = CompletableFuture.supplyAsync(() -> merchant.request()
                    .body(Map.of("price", 5_000))
                    .patch("/api/stores/" + merchant.storeId() + "/menus/" + latte));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> repricing.isDone() || HeldTransaction.lockWaitsOn(jdbc, "pg_advisory_xact_lock") > 0);
            assertThat(repricing)
                    .as("the change waits for the order taken at the old price")
                    .isNotDone();
            order.commit();
            repricing.get(30, TimeUnit.SECONDS).then().statusCode(200).body("price", equalTo(5_000));
        }
        assertThat(seen.get()).isEqualTo(4_000);
        StoreSteps.order(api.signUp("Repriced Customer"), merchant.storeId(), Map.of(latte, 1), 0)
                .then()
                .statusCode(201)
                .body("amountDue", equalTo(5_000));
    }

    /**
     * The refusal step by step: the held transaction stands for a role change that took the merchant's credentials
     * row after the opening was let in, and voids its tokens as the change does; the opening waits for the row and is
     * refused when the change commits.
     */
    @Test
    void aStoreOpeningWhoseTokenWasVoidedWhileItWaitedIsRefused() throws Exception {
        Merchant merchant = merchant("Voided Merchant");
        String tea = menu(merchant, "Tea", 3_000);
        try (HeldTransaction change = HeldTransaction.open(
                transactions,
                () -> jdbc.sql("UPDATE account_credentials SET tokens_valid_after = now() WHERE account_id = :id")
                        .param("id", merchant.member().accountId())
                        .update())) {
            CompletableFuture<Response> opening = CompletableFuture.supplyAsync(
                    () -> merchant.request().put("/api/stores/" + merchant.storeId() + "/open"));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> opening.isDone() || HeldTransaction.lockWaitsOn(jdbc, "account_credentials") > 0);
            change.commit();
            opening.get(30, TimeUnit.SECONDS).then().statusCode(401).body("code", equalTo("TOKEN_REVOKED"));
        }
        StoreSteps.order(api.signUp("Refused Customer"), merchant.storeId(), Map.of(tea, 1), 0)
                .then()
                .statusCode(409)
                .body("code", equalTo("STORE_CLOSED"));
    }

    /**
     * Opens a new merchant's store while {@code change} runs, the opening sent 0-9 ms after it so that over the rounds
     * it lands before, inside and after the change's transaction; the store must end closed.
     */
    private void openingRacing(String name, Function<Merchant, Response> change, int changed, Integer... opened)
            throws Exception {
        Member customer = api.signUp("Racing Customer");
        ExecutorService racers = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                Merchant merchant = merchant(name + " " + round);
                String tea = menu(merchant, "Tea", 3_000);
                long lag = round % 10;
                Future<Integer> opening = racers.submit(() -> {
                    Thread.sleep(lag); // a stagger, not a wait for anything: there is no condition to await
                    return merchant.request()
                            .put("/api/stores/" + merchant.storeId() + "/open")
                            .statusCode();
                });
                Future<Integer> changing =
                        racers.submit(() -> change.apply(merchant).statusCode());
                assertThat(changing.get(30, TimeUnit.SECONDS)).isEqualTo(changed);
                assertThat(opening.get(30, TimeUnit.SECONDS))
                        .as("round %d", round)
                        .isIn((Object[]) opened);
                StoreSteps.order(customer, merchant.storeId(), Map.of(tea, 1), 0)
                        .then()
                        .statusCode(409)
                        .body("code", equalTo("STORE_CLOSED"));
            }
        } finally {
            racers.shutdownNow();
        }
    }

    @Test
    void cannotManageAnotherMerchantsStore() {
        Merchant owner = merchant("Rightful Owner");
        Merchant other = merchant("Other Merchant");
        String menuId = menu(owner, "Espresso", 3_500);
        other.request()
                .put("/api/stores/" + owner.storeId() + "/open")
                .then()
                .statusCode(404)
                .body("code", equalTo("STORE_NOT_FOUND"));
        other.request()
                .body(Map.of("name", "Hijacked", "price", 1))
                .post("/api/stores/" + owner.storeId() + "/menus")
                .then()
                .statusCode(404)
                .body("code", equalTo("STORE_NOT_FOUND"));
        other.request()
                .body(Map.of("price", 1))
                .patch("/api/stores/" + owner.storeId() + "/menus/" + menuId)
                .then()
                .statusCode(404);
        other.request().get("/api/stores/" + owner.storeId() + "/orders").then().statusCode(404);
        other.request().get("/api/stores/" + owner.storeId() + "/wallet").then().statusCode(404);
        Member plain = api.signUp("Plain Member");
        plain.request().put("/api/stores/" + owner.storeId() + "/open").then().statusCode(403);
        plain.request().get("/api/stores/" + owner.storeId() + "/wallet").then().statusCode(403);
        Projections.awaitAllCaughtUp(api.admin());
        client().get("/api/stores/" + owner.storeId())
                .then()
                .body("open", equalTo(false))
                .body("menu[0].name", equalTo("Espresso"));
    }

    @Test
    void cannotOrderWithBadInputAndNothingChanges() {
        Merchant merchant = openStore("Strict Barista");
        Merchant other = openStore("Other Barista");
        String americano = menu(merchant, "Americano", 4_000);
        String othersItem = menu(other, "Foreign Item", 1_000);
        Member customer = api.signUp("Clumsy Customer");

        StoreSteps.order(customer, merchant.storeId(), Map.of(americano, 0), 0)
                .then()
                .statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"));
        StoreSteps.order(customer, merchant.storeId(), Map.of(americano, 100_000), 0)
                .then()
                .statusCode(400);
        // a quantity is read as a number and checked by its rule, whatever its type could hold
        for (String quantity : List.of("1.5", "100", "2147483648", "1000000000001", "1e400")) {
            StoreSteps.order(customer, merchant.storeId(), Map.of(americano, new BigDecimal(quantity)), 0)
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("VALIDATION_FAILED"));
        }
        StoreSteps.order(customer, merchant.storeId(), Map.of(americano, 1), -5)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_POINTS"));
        StoreSteps.order(customer, merchant.storeId(), Map.of(americano, 1), 5_000)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_POINTS"));
        StoreSteps.order(customer, merchant.storeId(), Map.of(othersItem, 1), 0)
                .then()
                .statusCode(400)
                .body("code", equalTo("UNKNOWN_MENU"));
        StoreSteps.order(customer, merchant.storeId(), Map.of("not-a-menu", 1), 0)
                .then()
                .statusCode(400)
                .body("code", equalTo("UNKNOWN_MENU"));
        StoreSteps.order(customer, "not-a-store", Map.of(americano, 1), 0)
                .then()
                .statusCode(404)
                .body("code", equalTo("STORE_NOT_FOUND"));
        customer.request()
                .body(Map.of(
                        "storeId", merchant.storeId(), "items", List.of(Map.of("menuId", americano, "quantity", 1))))
                .post("/api/store-orders")
                .then()
                .statusCode(400);
        customer.request()
                .body("{\"storeId\":")
                .post("/api/store-orders")
                .then()
                .statusCode(400)
                .body("code", equalTo("MALFORMED_REQUEST"));
        merchant.request()
                .body(Map.of("name", "Too dear", "price", 1.5))
                .post("/api/stores/" + merchant.storeId() + "/menus")
                .then()
                .statusCode(400);
        merchant.request()
                .body(Map.of("name", "", "price", 100))
                .post("/api/stores/" + merchant.storeId() + "/menus")
                .then()
                .statusCode(400);

        Projections.awaitAllCaughtUp(api.admin());
        customer.request().get("/api/store-orders").then().statusCode(200).body("total", equalTo(0));
        client().get("/api/stores/" + merchant.storeId()).then().body("menu.size()", equalTo(1));
        // 1.0 is 1
        StoreSteps.order(customer, merchant.storeId(), Map.of(americano, new BigDecimal("1.0")), 0)
                .then()
                .statusCode(201)
                .body("amountDue", equalTo(4_000));
    }

    /** The commands take an id in any letter case; the reads had answered 404 to the id a command had just used. */
    @Test
    void anIdInCapitalsReadsTheSameStoreAndOrderItWrites() {
        Merchant merchant = openStore("Capital Letters");
        String tea = menu(merchant, "Tea", 3_000);
        Member customer = api.signUp("Capital Customer");
        String orderId = ordered(customer, merchant.storeId(), tea, 1, 0).getString("orderId");
        String store = capitals(merchant.storeId());

        merchant.member()
                .request()
                .put("/api/stores/" + store + "/close")
                .then()
                .statusCode(200);
        client().get("/api/stores/" + store).then().statusCode(200).body("storeId", equalTo(merchant.storeId()));
        merchant.member()
                .request()
                .get("/api/stores/" + store + "/wallet")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> merchant.member()
                        .request()
                        .get("/api/stores/" + store + "/orders")
                        .then()
                        .statusCode(200)
                        .body("items.orderId", hasItem(orderId)));
        customer.request()
                .get("/api/store-orders/" + capitals(orderId))
                .then()
                .statusCode(200)
                .body("orderId", equalTo(orderId));
    }

    private static String capitals(String id) {
        StringBuilder capital = new StringBuilder(id);
        for (int i = 0; i < capital.length(); i++) {
            char c = capital.charAt(i);
            if (c >= 'a' && c <= 'f') {
                capital.setCharAt(i, Character.toUpperCase(c));
            }
        }
        return capital.toString();
    }

    @Test
    void canReadAnOrderOnlyAsItsCustomerItsMerchantOrAnAuditor() {
        Merchant merchant = openStore("Private Orders");
        String cake = menu(merchant, "Cheesecake", 6_000);
        Member customer = api.signUp("Cake Lover");
        String orderId = ordered(customer, merchant.storeId(), cake, 1, 0).getString("orderId");

        customer.request()
                .get("/api/store-orders/" + orderId)
                .then()
                .statusCode(200)
                .body("orderId", equalTo(orderId))
                .body("storeId", equalTo(merchant.storeId()))
                .body("kind", equalTo("ORDER"))
                .body("status", equalTo("AWAITING_PAYMENT"))
                .body("amountDue", equalTo(6_000))
                .body("pointsUsed", equalTo(0))
                .body("paymentId", nullValue())
                .body("statusHistory[0].status", equalTo("AWAITING_PAYMENT"))
                .body("statusHistory[0].actorId", equalTo(customer.accountId()));
        merchant.request().get("/api/store-orders/" + orderId).then().statusCode(200);
        api.withRoles("Order Auditor", "AUDITOR")
                .request()
                .get("/api/store-orders/" + orderId)
                .then()
                .statusCode(200);
        api.signUp("Nosy Neighbour")
                .request()
                .get("/api/store-orders/" + orderId)
                .then()
                .statusCode(404)
                .body("code", equalTo("STORE_ORDER_NOT_FOUND"));
        customer.request().get("/api/store-orders").then().statusCode(200).body("items[0].orderId", equalTo(orderId));
    }
}
