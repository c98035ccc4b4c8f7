package io.hindsight.shop;

import static io.hindsight.shop.ShopSteps.add;
import static io.hindsight.shop.ShopSteps.added;
import static io.hindsight.shop.ShopSteps.checkOut;
import static io.hindsight.shop.ShopSteps.createProduct;
import static io.hindsight.shop.ShopSteps.quantities;
import static io.hindsight.shop.ShopSteps.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ShopConcurrencyIT extends IntegrationTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(16);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private static int priceAsOf(Member reader, String productId, Instant asOf) {
        return reader.request()
                .queryParam("asOf", asOf.toString())
                .get("/api/products/" + productId)
                .then()
                .statusCode(200)
                .extract()
                .path("price");
    }

    /** Runs every task on its own thread, all released at the same instant. */
    private <T> List<T> together(List<Callable<T>> tasks) throws Exception {
        CountDownLatch ready = new CountDownLatch(tasks.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(pool.submit(() -> {
                ready.countDown();
                start.await();
                return task.call();
            }));
        }
        ready.await();
        start.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get());
        }
        return results;
    }

    /**
     * A checkout racing a price change had priced the receipt at the old price while the product's history put the
     * new one in force before the receipt: the two now take turns on the product's catalog row.
     */
    @Test
    void aReceiptRacingAPriceChangeHasThePriceInForceWhenItWasIssued() throws Exception {
        Member admin = api.admin();
        for (int i = 0; i < 8; i++) {
            int round = i;
            String tea = createProduct(admin, uniqueName("Racing tea"), 1000);
            Member member = api.signUp("Racing Buyer " + round);
            String cartId = added(member, tea, 3);
            List<Response> answers = together(List.of(
                    () -> checkOut(member, cartId),
                    () -> admin.request().body(Map.of("price", 100)).patch("/api/products/" + tea)));
            String receiptId = answers.get(0).then().statusCode(201).extract().path("receiptId");
            answers.get(1).then().statusCode(200);
            int paid = member.request()
                    .get("/api/receipts/" + receiptId)
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("lines[0].unitPrice");
            String orderedAt = member.request()
                    .get("/api/receipts/" + receiptId)
                    .then()
                    .extract()
                    .path("orderedAt");
            // history is told in milliseconds: a change stamped in the receipt's own millisecond may read as in force
            Instant issued = Instant.parse(orderedAt);
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(List.of(
                                    priceAsOf(admin, tea, issued), priceAsOf(admin, tea, issued.minusMillis(1))))
                            .as("round %d: the price in force when the receipt was issued", round)
                            .contains(paid));
        }
    }

    @Test
    void tenConcurrentCheckoutsOfOneCartIssueExactlyOneReceipt() throws Exception {
        String tea = createProduct(api.admin(), uniqueName("Tea"), 1000);
        Member member = api.signUp("Impatient");
        String cartId = added(member, tea, 3);

        List<Callable<Response>> checkouts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            checkouts.add(() -> checkOut(member, cartId));
        }
        List<Response> responses = together(checkouts);

        assertThat(responses).filteredOn(r -> r.statusCode() == 201).hasSize(1);
        assertThat(responses)
                .filteredOn(r -> r.statusCode() == 409)
                .hasSize(9)
                .allSatisfy(r -> assertThat(r.<String>path("code")).isEqualTo("CART_CHECKED_OUT"));
        String receiptId = responses.stream()
                .filter(r -> r.statusCode() == 201)
                .findFirst()
                .orElseThrow()
                .path("receiptId");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> member.request()
                        .get("/api/receipts")
                        .then()
                        .body("total", equalTo(1))
                        .body("items[0].receiptId", equalTo(receiptId)));
    }

    @Test
    void concurrentFirstAddsOpenOneCartAndLoseNothing() throws Exception {
        String tea = createProduct(api.admin(), uniqueName("Tea"), 1000);
        Member member = api.signUp("Eager");

        List<Callable<Response>> adds = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            adds.add(() -> add(member, tea, 1));
        }
        List<Response> responses = together(adds);

        assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        assertThat(responses)
                .extracting(r -> r.<String>path("cartId"))
                .containsOnly("cart-" + member.accountId() + "-1");
        member.request()
                .get("/api/cart")
                .then()
                .body("items.size()", equalTo(1))
                .body("items[0].quantity", equalTo(10));
    }

    /**
     * Each round races a checkout against adds of distinct products, so every add that got a 200 must
     * show up exactly once: in the receipt or in the cart opened after it.
     */
    @Test
    void addsRacingACheckoutLandInTheReceiptOrInTheNextCartButNeverInBoth() throws Exception {
        Member admin = api.admin();
        List<String> products = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            products.add(createProduct(admin, uniqueName("Racer " + i), 100 + i));
        }
        String seed = createProduct(admin, uniqueName("Seed"), 50);

        for (int round = 0; round < 4; round++) {
            Member member = api.signUp("Racer");
            String cartId = added(member, seed, 1);

            List<Callable<Response>> tasks = new ArrayList<>();
            tasks.add(() -> checkOut(member, cartId));
            for (int i = 0; i < products.size(); i++) {
                String product = products.get(i);
                int quantity = i + 1;
                tasks.add(() -> add(member, product, quantity));
            }
            List<Response> responses = together(tasks);

            Response checkout = responses.get(0);
            checkout.then().statusCode(201);
            Map<String, Integer> acknowledged = new HashMap<>();
            for (int i = 1; i < responses.size(); i++) {
                responses.get(i).then().statusCode(200);
                acknowledged.put(products.get(i - 1), i);
            }

            Map<String, Integer> inReceipt = quantities(member.request()
                    .get("/api/receipts/" + checkout.path("receiptId"))
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("lines"));
            Response nextCart = member.request().queryParam("limit", 1000).get("/api/cart");
            Map<String, Integer> inNextCart =
                    quantities(nextCart.then().statusCode(200).extract().path("items"));

            assertThat(inReceipt).containsEntry(seed, 1);
            inReceipt.remove(seed);
            assertThat(inReceipt.keySet()).filteredOn(inNextCart::containsKey).isEmpty();
            Map<String, Integer> landed = new HashMap<>(inReceipt);
            landed.putAll(inNextCart);
            assertThat(landed).isEqualTo(acknowledged);
            if (!inNextCart.isEmpty()) {
                assertThat(nextCart.<String>path("cartId")).isEqualTo("cart-" + member.accountId() + "-2");
            }
        }
    }
}
