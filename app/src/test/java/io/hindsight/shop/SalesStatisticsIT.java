package io.hindsight.shop;

import static io.hindsight.shop.ShopSteps.added;
import static io.hindsight.shop.ShopSteps.checkedOut;
import static io.hindsight.shop.ShopSteps.createProduct;
import static io.hindsight.shop.ShopSteps.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.hindsight.account.api.AccountId;
import io.hindsight.common.MetadataKeys;
import io.hindsight.shop.api.CartId;
import io.hindsight.shop.api.ProductId;
import io.hindsight.shop.api.ReceiptId;
import io.hindsight.shop.api.ReceiptIssued;
import io.hindsight.shop.api.ReceiptLine;
import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.Projections;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class SalesStatisticsIT extends IntegrationTest {

    @Autowired
    EventStore eventStore;

    @Test
    void salesArePerMonthOrDayWithPerProductFigures() {
        Member admin = api.admin();
        String tea = createProduct(admin, uniqueName("Stat tea"), 1000);
        String cake = createProduct(admin, uniqueName("Stat cake"), 2500);
        Member first = api.signUp("Buyer one");
        Member second = api.signUp("Buyer two");
        String cart = added(first, tea, 2);
        added(first, cake, 1);
        String receipt = checkedOut(first, cart);
        checkedOut(second, added(second, tea, 3));

        Instant orderedAt = Instant.parse(
                first.request().get("/api/receipts/" + receipt).then().extract().path("orderedAt"));
        LocalDate day = LocalDate.ofInstant(orderedAt, ZoneOffset.UTC);
        String month = day.toString().substring(0, 7);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Map<String, Object> period = onlyPeriod(admin.request()
                    .queryParam("from", month)
                    .queryParam("to", month)
                    .queryParam("products", 1000)
                    .get("/api/stats/sales")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("$"));
            assertThat(period).containsEntry("period", month).containsEntry("currency", "KRW");
            assertThat(product(period, tea))
                    .containsEntry("orders", 2)
                    .containsEntry("items", 5)
                    .containsEntry("revenue", 5000);
            assertThat(product(period, cake))
                    .containsEntry("orders", 1)
                    .containsEntry("items", 1)
                    .containsEntry("revenue", 2500);
            assertPeriodIsTheSumOfItsProducts(period);
            assertThat(((Number) period.get("orders")).longValue()).isGreaterThanOrEqualTo(2);
        });

        Map<String, Object> daily = onlyPeriod(admin.request()
                .queryParam("granularity", "day")
                .queryParam("from", day.toString())
                .queryParam("to", day.toString())
                .queryParam("products", 1000)
                .get("/api/stats/sales")
                .then()
                .statusCode(200)
                .extract()
                .path("$"));
        assertThat(daily).containsEntry("period", day.toString());
        assertThat(product(daily, tea)).containsEntry("items", 5).containsEntry("revenue", 5000);
        assertThat(product(daily, cake)).containsEntry("items", 1).containsEntry("revenue", 2500);
        assertPeriodIsTheSumOfItsProducts(daily);

        admin.request()
                .queryParam("granularity", "day")
                .queryParam("to", day.minusDays(1).toString())
                .get("/api/stats/sales")
                .then()
                .statusCode(200)
                .body("findAll { it.period >= '" + day + "' }.size()", equalTo(0));
    }

    @Test
    void aPeriodListsItsBestSellersUpToTheNumberAskedAndCountsThemAll() {
        Member admin = api.admin();
        Member buyer = api.signUp("Best seller buyer");
        String most = createProduct(admin, uniqueName("Stat most"), 9_000_000);
        String next = createProduct(admin, uniqueName("Stat next"), 8_000_000);
        String least = createProduct(admin, uniqueName("Stat least"), 10);
        String cart = added(buyer, most, 99);
        added(buyer, next, 99);
        added(buyer, least, 1);
        String receipt = checkedOut(buyer, cart);
        String day = LocalDate.ofInstant(
                        Instant.parse(buyer.request()
                                .get("/api/receipts/" + receipt)
                                .then()
                                .extract()
                                .path("orderedAt")),
                        ZoneOffset.UTC)
                .toString();

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() ->
                        assertThat(product(salesOf(admin, day, 1000), least)).containsEntry("revenue", 10));
        // other tests' sales of the same day may land between two reads: compare reads taken while none did
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Map<String, Object> all = salesOf(admin, day, 1000);
            List<Map<String, Object>> everyProduct = products(all);
            assertThat(everyProduct).hasSize(((Number) all.get("productCount")).intValue());
            assertThat(everyProduct)
                    .extracting(p -> ((Number) p.get("revenue")).longValue())
                    .as("best sellers first")
                    .isSortedAccordingTo(Comparator.reverseOrder());

            Map<String, Object> topTwo = salesOf(admin, day, 2);
            assertThat(products(topTwo)).isEqualTo(everyProduct.subList(0, 2));
            assertThat(topTwo)
                    .as("the period's own figures and count cover every product, listed or not")
                    .containsEntry("productCount", all.get("productCount"))
                    .containsEntry("revenue", all.get("revenue"))
                    .containsEntry("items", all.get("items"))
                    .containsEntry("orders", all.get("orders"));
            assertThat(products(topTwo)).extracting(p -> p.get("productId")).doesNotContain(least);

            List<Map<String, Object>> byDefault = products(salesOf(admin, day, null));
            assertThat(byDefault).isEqualTo(everyProduct.subList(0, Math.min(100, everyProduct.size())));
        });

        for (String tooFew : List.of("0", "-1")) {
            admin.request()
                    .queryParam("products", tooFew)
                    .get("/api/stats/sales")
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("VALIDATION_FAILED"));
        }
        admin.request()
                .queryParam("products", 1001)
                .get("/api/stats/sales")
                .then()
                .statusCode(400)
                .body("code", equalTo("LIMIT_TOO_LARGE"));
        admin.request()
                .queryParam("products", "all")
                .get("/api/stats/sales")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    /**
     * A period's lines can add up past a long (a price up to 10^9 times 1000, a hundred lines a cart): the sums are
     * exact. Three receipts of 4 * 10^18, stored on a day no other test reads, stand in for the 92,000 carts it takes.
     */
    @Test
    void revenueAddsUpPastWhatALongHolds() {
        Member admin = api.admin();
        Member buyer = api.signUp("Gold buyer");
        AccountId buyerId = AccountId.of(buyer.accountId());
        ProductId goldBar = ProductId.newId();
        Instant day = Instant.parse("2004-04-04T10:00:00Z");
        List<EventMessage<?>> receipts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ReceiptId receiptId = ReceiptId.newId();
            long price = 4_000_000_000_000_000_000L;
            receipts.add(new GenericDomainEventMessage<>(
                    "Receipt",
                    receiptId.value(),
                    0,
                    new ReceiptIssued(
                            receiptId,
                            buyerId,
                            CartId.of(buyerId, 1000 + i),
                            UUID.randomUUID().toString(),
                            List.of(new ReceiptLine(goldBar, "Gold bar", price, 1, price)),
                            price,
                            "KRW"),
                    Map.of(MetadataKeys.ACTOR_ID, buyer.accountId()),
                    UUID.randomUUID().toString(),
                    day.plusSeconds(i)));
        }
        eventStore.publish(receipts);
        Projections.awaitAllCaughtUp(admin);

        String twelveQuintillion = "12000000000000000000";
        for (String granularity : List.of("day", "month")) {
            Map<String, Object> period = onlyPeriod(admin.request()
                    .queryParam("granularity", granularity)
                    .queryParam("from", "2004-04-01")
                    .queryParam("to", "2004-04-30")
                    .get("/api/stats/sales")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("$"));
            assertThat(period.get("revenue")).as(granularity).hasToString(twelveQuintillion);
            assertThat(product(period, goldBar.value()).get("revenue"))
                    .as(granularity)
                    .hasToString(twelveQuintillion);
        }
    }

    private static Map<String, Object> salesOf(Member admin, String day, Integer products) {
        var request = admin.request()
                .queryParam("granularity", "day")
                .queryParam("from", day)
                .queryParam("to", day);
        if (products != null) {
            request.queryParam("products", products);
        }
        return onlyPeriod(
                request.get("/api/stats/sales").then().statusCode(200).extract().path("$"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> products(Map<String, Object> period) {
        return (List<Map<String, Object>>) period.get("products");
    }

    @Test
    void onlyAdminsAndAuditorsSeeSales() {
        api.withRoles("Analyst", "AUDITOR")
                .request()
                .get("/api/stats/sales")
                .then()
                .statusCode(200);
        api.signUp("Nosy")
                .request()
                .get("/api/stats/sales")
                .then()
                .statusCode(403)
                .body("code", equalTo("FORBIDDEN"));
        client().get("/api/stats/sales").then().statusCode(401);
    }

    @Test
    void aBadPeriodIsAClientError() {
        Member admin = api.admin();
        admin.request()
                .queryParam("granularity", "week")
                .get("/api/stats/sales")
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_PERIOD"));
        admin.request()
                .queryParam("from", "2026-13")
                .get("/api/stats/sales")
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_PERIOD"));
        for (String outsideTheYears : List.of("0000-06-01", "-0001-06", "+10000-01-01")) {
            admin.request()
                    .queryParam("from", outsideTheYears)
                    .get("/api/stats/sales")
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("INVALID_PERIOD"));
        }
        admin.request()
                .queryParam("from", "yesterday'; --")
                .get("/api/stats/sales")
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_PERIOD"));
        admin.request()
                .queryParam("from", "2026-05-02")
                .queryParam("to", "2026-05-01")
                .get("/api/stats/sales")
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_PERIOD"));
    }

    private static Map<String, Object> onlyPeriod(List<Map<String, Object>> periods) {
        assertThat(periods).hasSize(1);
        return periods.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> product(Map<String, Object> period, String productId) {
        return ((List<Map<String, Object>>) period.get("products"))
                .stream()
                        .filter(p -> productId.equals(p.get("productId")))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("No figures for product " + productId + " in " + period));
    }

    @SuppressWarnings("unchecked")
    private static void assertPeriodIsTheSumOfItsProducts(Map<String, Object> period) {
        List<Map<String, Object>> products = (List<Map<String, Object>>) period.get("products");
        assertThat(products).as("every product listed").hasSize(((Number) period.get("productCount")).intValue());
        assertThat(((Number) period.get("items")).longValue())
                .isEqualTo(products.stream()
                        .mapToLong(p -> ((Number) p.get("items")).longValue())
                        .sum());
        assertThat(((Number) period.get("revenue")).longValue())
                .isEqualTo(products.stream()
                        .mapToLong(p -> ((Number) p.get("revenue")).longValue())
                        .sum());
    }
}
