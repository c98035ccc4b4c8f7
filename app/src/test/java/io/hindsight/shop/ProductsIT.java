package io.hindsight.shop;

import static io.hindsight.shop.ShopSteps.changePrice;
import static io.hindsight.shop.ShopSteps.createProduct;
import static io.hindsight.shop.ShopSteps.setActive;
import static io.hindsight.shop.ShopSteps.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.hindsight.shop.api.ProductId;
import io.hindsight.shop.guard.ProductCatalog;
import io.hindsight.support.Api.Member;
import io.hindsight.support.HeldTransaction;
import io.hindsight.support.IntegrationTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

class ProductsIT extends IntegrationTest {

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private PlatformTransactionManager transactions;

    @Autowired
    private ProductCatalog catalog;

    /** PostgreSQL cannot store a NUL in text: that is the client's text, not an existing product. */
    @Test
    void cannotCreateAProductWhoseNameHoldsANul() {
        String marker = "Nul " + UUID.randomUUID();
        api.admin()
                .request()
                .body(Map.of("name", marker + "\u0000 tail", "price", 100))
                .post("/api/products")
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_TEXT"));

        assertThat(jdbc.sql("SELECT count(*) FROM shop_product_catalog WHERE name LIKE :marker")
                        .param("marker", marker + "%")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("""
                                SELECT count(*) FROM domain_event_entry
                                WHERE convert_from(payload, 'UTF8') LIKE :marker""")
                        .param("marker", "%" + marker + "%")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void anAdminCreatesAProductAndAnyoneReadsItAtOnce() {
        Member admin = api.admin();
        String name = uniqueName("Tea");
        Response created = admin.request()
                .body(Map.of(
                        "name",
                        name,
                        "description",
                        "Green tea",
                        "price",
                        3000,
                        "imageUrl",
                        "https://images.hindsight.test/tea.png"))
                .post("/api/products");
        created.then().statusCode(201).body("productId", notNullValue());
        String productId = created.path("productId");
        assertThat(created.header("Location")).isEqualTo("/api/products/" + productId);

        client().get("/api/products/" + productId)
                .then()
                .statusCode(200)
                .body("productId", equalTo(productId))
                .body("name", equalTo(name))
                .body("description", equalTo("Green tea"))
                .body("price", equalTo(3000))
                .body("currency", equalTo("KRW"))
                .body("imageUrl", equalTo("https://images.hindsight.test/tea.png"))
                .body("active", equalTo(true))
                .body("createdAt", notNullValue());
    }

    @Test
    void anAdminChangesOnlyWhatIsSent() {
        Member admin = api.admin();
        String productId = createProduct(admin, uniqueName("Cake"), 5500);
        admin.request()
                .body(Map.of("price", 6000, "description", ""))
                .patch("/api/products/" + productId)
                .then()
                .statusCode(200)
                .body("price", equalTo(6000))
                .body("description", nullValue())
                .body("active", equalTo(true));
        client().get("/api/products/" + productId)
                .then()
                .statusCode(200)
                .body("price", equalTo(6000))
                .body("description", nullValue())
                .body("imageUrl", notNullValue());
    }

    /**
     * A description of only invisible characters (a zero-width space, a Hangul filler) showed an empty description: it
     * is none, on creation and in a change (where it clears the one there was), as a blank one is.
     */
    @Test
    void aDescriptionThatShowsNothingIsNone() {
        Member admin = api.admin();
        String productId = admin.request()
                .body(Map.of("name", uniqueName("Invisible"), "description", "\u200B\u3164", "price", 100))
                .post("/api/products")
                .then()
                .statusCode(201)
                .extract()
                .path("productId");
        client().get("/api/products/" + productId).then().statusCode(200).body("description", nullValue());

        admin.request()
                .body(Map.of("description", "Seen"))
                .patch("/api/products/" + productId)
                .then()
                .statusCode(200)
                .body("description", equalTo("Seen"));
        admin.request()
                .body(Map.of("description", "\u2060\u200B "))
                .patch("/api/products/" + productId)
                .then()
                .statusCode(200)
                .body("description", nullValue());
        client().get("/api/products/" + productId).then().statusCode(200).body("description", nullValue());
    }

    @Test
    void theListIsPagedAndRefusesTooLargeALimit() {
        Member admin = api.admin();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(createProduct(admin, uniqueName("Paged"), 100 + i));
        }
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> client().queryParam("limit", 2)
                        .get("/api/products")
                        .then()
                        .statusCode(200)
                        .body("items.size()", equalTo(2))
                        .body("total", greaterThanOrEqualTo(3))
                        .body("offset", equalTo(0))
                        .body("limit", equalTo(2))
                        .body("items[0].productId", notNullValue())
                        .body("items[0].name", notNullValue())
                        .body("items[0].price", notNullValue()));
        // another class's products may come first, and a product need not have an image: these have
        List<String> images = client().queryParam("limit", 1000)
                .get("/api/products")
                .then()
                .statusCode(200)
                .extract()
                .path("items.findAll { it.productId in ['%s', '%s', '%s'] }.imageUrl".formatted(created.toArray()));
        assertThat(images).hasSize(3).doesNotContainNull();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            int total = client().get("/api/products").then().extract().path("total");
            client().queryParam("offset", total - 1)
                    .get("/api/products")
                    .then()
                    .statusCode(200)
                    .body("items.size()", equalTo(1));
        });
        client().queryParam("limit", 1001)
                .get("/api/products")
                .then()
                .statusCode(400)
                .body("code", equalTo("LIMIT_TOO_LARGE"));
        client().queryParam("limit", 1000).get("/api/products").then().statusCode(200);
        client().queryParam("limit", 0)
                .get("/api/products")
                .then()
                .statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"));
        client().queryParam("offset", -1).get("/api/products").then().statusCode(400);
        client().queryParam("limit", "lots")
                .get("/api/products")
                .then()
                .statusCode(400)
                .body("code", equalTo("MALFORMED_REQUEST"))
                .body("detail", equalTo("The parameter 'limit' must be a whole number written in the digits 0-9"));
    }

    @Test
    void aProductNoLongerSoldLeavesTheListButKeepsItsPage() {
        Member admin = api.admin();
        String productId = createProduct(admin, uniqueName("Retired"), 700);
        setActive(admin, productId, false);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            client().queryParam("limit", 1000)
                    .get("/api/products")
                    .then()
                    .statusCode(200)
                    .body("items.productId", not(hasItem(productId)));
            admin.request()
                    .queryParam("limit", 1000)
                    .queryParam("includeInactive", true)
                    .get("/api/products")
                    .then()
                    .statusCode(200)
                    .body("items.productId", hasItem(productId));
        });
        client().get("/api/products/" + productId).then().statusCode(200).body("active", equalTo(false));
        api.signUp("Curious")
                .request()
                .queryParam("includeInactive", true)
                .get("/api/products")
                .then()
                .statusCode(403)
                .body("code", equalTo("FORBIDDEN"));
        client().queryParam("includeInactive", true)
                .get("/api/products")
                .then()
                .statusCode(401)
                .body("code", equalTo("UNAUTHENTICATED"));

        setActive(admin, productId, true);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> client().queryParam("limit", 1000)
                        .get("/api/products")
                        .then()
                        .body("items.productId", hasItem(productId)));
    }

    @Test
    void anAdminCanAddAProductNotOnSaleYet() {
        Member admin = api.admin();
        String productId = addedOffSale(admin, "Coming soon");

        client().get("/api/products/" + productId).then().statusCode(200).body("active", equalTo(false));
        ShopSteps.add(api.signUp("Early"), productId, 1)
                .then()
                .statusCode(409)
                .body("code", equalTo("PRODUCT_INACTIVE"));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> admin.request()
                        .queryParam("limit", 1000)
                        .queryParam("includeInactive", true)
                        .get("/api/products")
                        .then()
                        .body("items.productId", hasItem(productId)));
        client().queryParam("limit", 1000).get("/api/products").then().body("items.productId", not(hasItem(productId)));

        setActive(admin, productId, true);
        ShopSteps.add(api.signUp("Eager"), productId, 1).then().statusCode(200);
    }

    /** A product in constant demand can still be taken off sale: the change goes ahead of the carts after it. */
    @Test
    void takingAProductOffSaleGoesAheadOfCartAddsThatArriveWhileItWaits() throws Exception {
        Member admin = api.admin();
        String productId = createProduct(admin, uniqueName("Best seller"), 900);
        ProductId product = ProductId.of(productId);

        HeldTransaction.WriterBetweenReaders<Boolean> race = HeldTransaction.writerBetweenReaders(
                transactions,
                jdbc,
                () -> catalog.find(product),
                () -> admin.request().body(Map.of("active", false)).patch("/api/products/" + productId),
                () -> catalog.find(product).orElseThrow().active());

        race.writer().then().statusCode(200);
        assertThat(race.laterReader())
                .as("on sale, to the cart that came after the change")
                .isFalse();
    }

    private static String addedOffSale(Member admin, String name) {
        return admin.request()
                .body(Map.of("name", uniqueName(name), "price", 900, "active", false))
                .post("/api/products")
                .then()
                .statusCode(201)
                .extract()
                .path("productId");
    }

    /** Its creation and its being off sale are one transaction, so one instant: never on sale as of any instant. */
    @Test
    void aProductAddedNotOnSaleWasNeverOnSaleAsOfAnyInstant() {
        Member admin = api.admin();
        for (int i = 0; i < 15; i++) {
            String productId = addedOffSale(admin, "Unreleased");
            List<String> stamps = jdbc.sql(
                            "SELECT time_stamp FROM domain_event_entry WHERE aggregate_identifier = :id ORDER BY sequence_number")
                    .param("id", productId)
                    .query(String.class)
                    .list();
            assertThat(stamps).hasSize(2);
            assertThat(stamps.get(1)).as("product %d", i).isEqualTo(stamps.get(0));
            client().queryParam("asOf", Instant.parse(stamps.get(0)).toString())
                    .get("/api/products/" + productId)
                    .then()
                    .statusCode(200)
                    .body("active", equalTo(false));
        }
    }

    @Test
    void aProductCanBeReadAsOfAnInstant() {
        Member admin = api.admin();
        String productId = createProduct(admin, uniqueName("History"), 1000);
        Instant before = Instant.now();
        changePrice(admin, productId, 1500);

        client().queryParam("asOf", before.toString())
                .get("/api/products/" + productId)
                .then()
                .statusCode(200)
                .body("price", equalTo(1000));
        client().get("/api/products/" + productId).then().body("price", equalTo(1500));
        client().queryParam("asOf", "2001-01-01T00:00:00Z")
                .get("/api/products/" + productId)
                .then()
                .statusCode(404)
                .body("code", equalTo("PRODUCT_NOT_FOUND"));
        client().queryParam("asOf", "yesterday")
                .get("/api/products/" + productId)
                .then()
                .statusCode(400)
                .body("code", equalTo("MALFORMED_REQUEST"));
    }

    @Test
    void onlyAnAdminManagesProducts() {
        Member member = api.signUp("Shopper");
        Map<String, Object> body = Map.of("name", "Forbidden fruit", "price", 1);
        member.request().body(body).post("/api/products").then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        client().body(body).post("/api/products").then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
        String productId = createProduct(api.admin(), uniqueName("Guarded"), 10);
        member.request()
                .body(Map.of("price", 1))
                .patch("/api/products/" + productId)
                .then()
                .statusCode(403);
        client().get("/api/products/" + productId).then().statusCode(200).body("price", equalTo(10));
    }

    /** A product without a price is refused (shop.md); the API's description had listed only its name as required. */
    @Test
    void theDescriptionNamesEveryFieldAProductNeeds() {
        List<String> required = client().get("/v3/api-docs")
                .then()
                .statusCode(200)
                .extract()
                .path("components.schemas.NewProductRequest.required");
        assertThat(required).containsExactlyInAnyOrder("name", "price");
        api.admin()
                .request()
                .body(Map.of("name", uniqueName("Priceless")))
                .post("/api/products")
                .then()
                .statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"));
    }

    @Test
    void badProductInputIsAClientErrorWithACode() {
        Member admin = api.admin();
        List<Map<String, Object>> invalid = List.of(
                Map.of("price", 100),
                Map.of("name", " ", "price", 100),
                Map.of("name", "x".repeat(201), "price", 100),
                Map.of("name", "Negative", "price", -1),
                Map.of("name", "Fraction", "price", 1.5),
                Map.of("name", "Huge", "price", 1_000_000_001L),
                Map.of("name", "Astronomic", "price", new java.math.BigDecimal("1e400")),
                Map.of("name", "No price"),
                Map.of("name", "Script", "price", 1, "imageUrl", "javascript:alert(1)"),
                Map.of("name", "No Host", "price", 1, "imageUrl", "https:///nohost"),
                Map.of("name", "No Host Either", "price", 1, "imageUrl", "http:///x"));
        for (Map<String, Object> body : invalid) {
            admin.request()
                    .body(body)
                    .post("/api/products")
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("VALIDATION_FAILED"));
        }
        admin.request()
                .body(Map.of("name", "Typed", "price", "a lot"))
                .post("/api/products")
                .then()
                .statusCode(400)
                .body("code", equalTo("MALFORMED_REQUEST"));

        String productId = createProduct(admin, uniqueName("Target"), 100);
        admin.request()
                .body(Map.of())
                .patch("/api/products/" + productId)
                .then()
                .statusCode(400)
                .body("code", equalTo("NOTHING_TO_CHANGE"));
        admin.request()
                .body(Map.of("price", -5))
                .patch("/api/products/" + productId)
                .then()
                .statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"));
        admin.request()
                .body(Map.of("imageUrl", "https:///nohost"))
                .patch("/api/products/" + productId)
                .then()
                .statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"));
        admin.request()
                .body(Map.of("name", ""))
                .patch("/api/products/" + productId)
                .then()
                .statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"));
        Map<String, Object> nullName = new HashMap<>();
        nullName.put("name", null);
        admin.request()
                .body(nullName)
                .patch("/api/products/" + productId)
                .then()
                .statusCode(400)
                .body("code", equalTo("NOTHING_TO_CHANGE"));
        client().get("/api/products/" + productId).then().body("price", equalTo(100));

        String unknown = UUID.randomUUID().toString();
        admin.request()
                .body(Map.of("price", 1))
                .patch("/api/products/" + unknown)
                .then()
                .statusCode(404)
                .body("code", equalTo("PRODUCT_NOT_FOUND"));
        admin.request()
                .body(Map.of("price", 1))
                .patch("/api/products/not-a-product")
                .then()
                .statusCode(400)
                .body("code", equalTo("MALFORMED_ID"));
        client().get("/api/products/" + unknown).then().statusCode(404).body("code", equalTo("PRODUCT_NOT_FOUND"));
        client().get("/api/products/1' OR '1'='1").then().statusCode(400).body("code", equalTo("MALFORMED_ID"));
        client().get("/api/products/" + "9".repeat(5000)).then().statusCode(400);
    }
}
