package io.hindsight.shop;

import static io.hindsight.shop.ShopSteps.add;
import static io.hindsight.shop.ShopSteps.added;
import static io.hindsight.shop.ShopSteps.changePrice;
import static io.hindsight.shop.ShopSteps.checkOut;
import static io.hindsight.shop.ShopSteps.checkedOut;
import static io.hindsight.shop.ShopSteps.createProduct;
import static io.hindsight.shop.ShopSteps.setActive;
import static io.hindsight.shop.ShopSteps.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CartIT extends IntegrationTest {

    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void theFirstAddOpensACartAndAddingAgainRaisesTheQuantity() {
        Member admin = api.admin();
        String teaName = uniqueName("Tea");
        String tea = createProduct(admin, teaName, 3000);
        String cake = createProduct(admin, uniqueName("Cake"), 5500);
        Member member = api.signUp("Buyer");

        member.request()
                .get("/api/cart")
                .then()
                .statusCode(200)
                .body("cartId", nullValue())
                .body("items.size()", equalTo(0))
                .body("total", equalTo(0));

        member.request()
                .body(Map.of("productId", tea))
                .post("/api/cart/items")
                .then()
                .statusCode(200)
                .body("cartId", equalTo("cart-" + member.accountId() + "-1"))
                .body("items[0].quantity", equalTo(1));
        add(member, tea, 3).then().statusCode(200).body("items[0].quantity", equalTo(4));
        add(member, cake, 2)
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(2))
                .body("total", equalTo(4 * 3000 + 2 * 5500))
                .body("itemCount", equalTo(6))
                .body("lineCount", equalTo(2));

        member.request()
                .get("/api/cart")
                .then()
                .statusCode(200)
                .body("cartId", equalTo("cart-" + member.accountId() + "-1"))
                .body("status", equalTo("OPEN"))
                .body("items[0].productId", equalTo(tea))
                .body("items[0].name", equalTo(teaName))
                .body("items[0].unitPrice", equalTo(3000))
                .body("items[0].quantity", equalTo(4))
                .body("items[0].lineTotal", equalTo(12000))
                .body("items[1].productId", equalTo(cake))
                .body("items[1].lineTotal", equalTo(11000))
                .body("total", equalTo(23000))
                .body("currency", equalTo("KRW"))
                .body("itemCount", equalTo(6))
                .body("lineCount", equalTo(2))
                .body("offset", equalTo(0))
                .body("limit", equalTo(20));
    }

    @Test
    void aProductCanBeDecreasedAndRemoved() {
        Member admin = api.admin();
        String tea = createProduct(admin, uniqueName("Tea"), 1000);
        String cake = createProduct(admin, uniqueName("Cake"), 2000);
        Member member = api.signUp("Trimmer");
        added(member, tea, 5);
        added(member, cake, 1);

        member.request()
                .body(Map.of("quantity", 2))
                .patch("/api/cart/items/" + tea)
                .then()
                .statusCode(200)
                .body("items[0].quantity", equalTo(2))
                .body("total", equalTo(4000));
        member.request()
                .body(Map.of("quantity", 2))
                .patch("/api/cart/items/" + tea)
                .then()
                .statusCode(200)
                .body("items[0].quantity", equalTo(2));
        member.request()
                .body(Map.of("quantity", 3))
                .patch("/api/cart/items/" + tea)
                .then()
                .statusCode(409)
                .body("code", equalTo("QUANTITY_NOT_LOWER"));
        member.request()
                .body(Map.of("quantity", 0))
                .patch("/api/cart/items/" + tea)
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].productId", equalTo(cake));
        member.request()
                .body(Map.of("quantity", 1))
                .patch("/api/cart/items/" + tea)
                .then()
                .statusCode(404)
                .body("code", equalTo("ITEM_NOT_IN_CART"));

        member.request()
                .delete("/api/cart/items/" + cake)
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(0));
        member.request()
                .delete("/api/cart/items/" + cake)
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(0));
        member.request()
                .get("/api/cart")
                .then()
                .body("items.size()", equalTo(0))
                .body("status", equalTo("OPEN"));

        Member newcomer = api.signUp("Newcomer");
        newcomer.request()
                .delete("/api/cart/items/" + cake)
                .then()
                .statusCode(200)
                .body("cartId", nullValue());
        newcomer.request()
                .body(Map.of("quantity", 0))
                .patch("/api/cart/items/" + cake)
                .then()
                .statusCode(404)
                .body("code", equalTo("ITEM_NOT_IN_CART"));
    }

    @Test
    void theCartIsPagedByLineWhileTotalsCoverTheWholeCart() {
        Member admin = api.admin();
        Member member = api.signUp("Pager");
        for (int i = 1; i <= 3; i++) {
            added(member, createProduct(admin, uniqueName("Line " + i), 100 * i), i);
        }
        member.request()
                .queryParam("limit", 2)
                .get("/api/cart")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(2))
                .body("lineCount", equalTo(3))
                .body("total", equalTo(100 + 400 + 900))
                .body("itemCount", equalTo(6));
        member.request()
                .queryParam("offset", 2)
                .queryParam("limit", 2)
                .get("/api/cart")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].quantity", equalTo(3))
                .body("offset", equalTo(2));
        member.request()
                .queryParam("limit", 1001)
                .get("/api/cart")
                .then()
                .statusCode(400)
                .body("code", equalTo("LIMIT_TOO_LARGE"));
    }

    @Test
    void checkoutClosesTheCartIssuesAReceiptAndTheNextAddOpensANewCart() {
        Member admin = api.admin();
        String teaName = uniqueName("Tea");
        String tea = createProduct(admin, teaName, 3000);
        String cake = createProduct(admin, uniqueName("Cake"), 5500);
        Member member = api.signUp("Checker");
        String cartId = added(member, tea, 2);
        added(member, cake, 1);

        // a cart id is read in any case of its letters, as every other id is
        Response checkout = checkOut(member, cartId.toUpperCase(Locale.ROOT));
        checkout.then()
                .statusCode(201)
                .body("receiptId", matchesPattern(UUID_PATTERN))
                .body("orderNumber", matchesPattern(UUID_PATTERN))
                .body("cartId", equalTo(cartId))
                .body("total", equalTo(11500));
        String receiptId = checkout.path("receiptId");
        assertThat(checkout.header("Location")).isEqualTo("/api/receipts/" + receiptId);

        member.request()
                .get("/api/receipts/" + receiptId)
                .then()
                .statusCode(200)
                .body("receiptId", equalTo(receiptId))
                .body("orderNumber", equalTo(checkout.path("orderNumber")))
                .body("cartId", equalTo(cartId))
                .body("orderedAt", notNullValue())
                .body("lines.size()", equalTo(2))
                .body("lines[0].productId", equalTo(tea))
                .body("lines[0].name", equalTo(teaName))
                .body("lines[0].unitPrice", equalTo(3000))
                .body("lines[0].quantity", equalTo(2))
                .body("lines[0].lineTotal", equalTo(6000))
                .body("lines[1].lineTotal", equalTo(5500))
                .body("total", equalTo(11500));
        member.request()
                .get("/api/cart")
                .then()
                .statusCode(200)
                .body("cartId", nullValue())
                .body("items.size()", equalTo(0));

        checkOut(member, cartId).then().statusCode(409).body("code", equalTo("CART_CHECKED_OUT"));
        add(member, tea, 1)
                .then()
                .statusCode(200)
                .body("cartId", equalTo("cart-" + member.accountId() + "-2"))
                .body("items.size()", equalTo(1))
                .body("items[0].quantity", equalTo(1));
        member.request().get("/api/cart").then().body("cartId", equalTo("cart-" + member.accountId() + "-2"));
        member.request()
                .get("/api/carts/" + cartId.toUpperCase(Locale.ROOT))
                .then()
                .statusCode(200)
                .body("cartId", equalTo(cartId))
                .body("status", equalTo("CHECKED_OUT"))
                .body("receiptId", equalTo(receiptId))
                .body("total", equalTo(11500));
    }

    @Test
    void aCheckoutRepeatedWithTheSameIdempotencyKeyAnswersTheSameReceipt() {
        String tea = createProduct(api.admin(), uniqueName("Tea"), 1000);
        Member member = api.signUp("Retrier");
        String cartId = added(member, tea, 1);
        String key = UUID.randomUUID().toString();

        String first = member.request()
                .header("Idempotency-Key", key)
                .body(Map.of("cartId", cartId))
                .post("/api/cart/checkout")
                .then()
                .statusCode(201)
                .extract()
                .path("receiptId");
        member.request()
                .header("Idempotency-Key", key)
                .body(Map.of("cartId", cartId))
                .post("/api/cart/checkout")
                .then()
                .statusCode(201)
                .body("receiptId", equalTo(first));
        checkOut(member, cartId).then().statusCode(409).body("code", equalTo("CART_CHECKED_OUT"));
    }

    @Test
    void anEmptyCartCannotBeCheckedOut() {
        String tea = createProduct(api.admin(), uniqueName("Tea"), 3000);
        Member member = api.signUp("Empty");
        String cartId = added(member, tea, 1);
        member.request().delete("/api/cart/items/" + tea).then().statusCode(200);

        checkOut(member, cartId).then().statusCode(409).body("code", equalTo("CART_EMPTY"));
        checkOut(member, "cart-" + member.accountId() + "-7")
                .then()
                .statusCode(404)
                .body("code", equalTo("CART_NOT_FOUND"));
        member.request()
                .body(Map.of())
                .post("/api/cart/checkout")
                .then()
                .statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"));
    }

    @Test
    void checkoutPricesTheCartAtCheckoutTimeAndLaterPriceChangesNeverTouchTheReceipt() {
        Member admin = api.admin();
        String tea = createProduct(admin, uniqueName("Tea"), 1000);
        Member member = api.signUp("Priced");
        String cartId = added(member, tea, 3);
        changePrice(admin, tea, 1200);
        member.request().get("/api/cart").then().body("items[0].unitPrice", equalTo(1200));

        String receiptId = checkedOut(member, cartId);
        changePrice(admin, tea, 9999);
        admin.request()
                .body(Map.of("name", "Renamed tea"))
                .patch("/api/products/" + tea)
                .then()
                .statusCode(200);

        member.request()
                .get("/api/receipts/" + receiptId)
                .then()
                .statusCode(200)
                .body("lines[0].unitPrice", equalTo(1200))
                .body("lines[0].lineTotal", equalTo(3600))
                .body("lines[0].name", not(equalTo("Renamed tea")))
                .body("total", equalTo(3600));
        member.request()
                .get("/api/carts/" + cartId)
                .then()
                .statusCode(200)
                .body("items[0].unitPrice", equalTo(1200))
                .body("total", equalTo(3600));
        String nextCart = added(member, tea, 1);
        member.request()
                .get("/api/carts/" + nextCart)
                .then()
                .body("items[0].unitPrice", equalTo(9999))
                .body("items[0].name", equalTo("Renamed tea"));
    }

    @Test
    void aProductNoLongerSoldCannotBeAddedNorCheckedOut() {
        Member admin = api.admin();
        String tea = createProduct(admin, uniqueName("Tea"), 1000);
        String cake = createProduct(admin, uniqueName("Cake"), 2000);
        Member member = api.signUp("Late");
        String cartId = added(member, tea, 1);
        added(member, cake, 1);
        setActive(admin, tea, false);

        add(member, tea, 1).then().statusCode(409).body("code", equalTo("PRODUCT_INACTIVE"));
        member.request()
                .get("/api/cart")
                .then()
                .body("items[0].available", equalTo(false))
                .body("items[1].available", equalTo(true));
        checkOut(member, cartId).then().statusCode(409).body("code", equalTo("PRODUCT_INACTIVE"));

        member.request().delete("/api/cart/items/" + tea).then().statusCode(200);
        String receiptId = checkedOut(member, cartId);
        member.request()
                .get("/api/receipts/" + receiptId)
                .then()
                .body("lines.size()", equalTo(1))
                .body("total", equalTo(2000));
    }

    @Test
    void badCartInputIsAClientErrorThatChangesNothing() {
        Member admin = api.admin();
        String tea = createProduct(admin, uniqueName("Tea"), 1000);
        Member member = api.signUp("Hostile");
        String cartId = added(member, tea, 1);

        add(member, UUID.randomUUID().toString(), 1).then().statusCode(404).body("code", equalTo("PRODUCT_NOT_FOUND"));
        for (Object quantity : List.<Object>of(0, -1, 1001, Integer.MAX_VALUE, 1.5, new BigDecimal("1e400"))) {
            member.request()
                    .body(Map.of("productId", tea, "quantity", quantity))
                    .post("/api/cart/items")
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("INVALID_QUANTITY"));
        }
        member.request()
                .body(Map.of("productId", tea, "quantity", "many"))
                .post("/api/cart/items")
                .then()
                .statusCode(400)
                .body("code", equalTo("MALFORMED_REQUEST"));
        member.request()
                .body(Map.of("productId", "tea", "quantity", 1))
                .post("/api/cart/items")
                .then()
                .statusCode(400)
                .body("code", equalTo("MALFORMED_ID"));
        member.request()
                .body(Map.of("quantity", 1))
                .post("/api/cart/items")
                .then()
                .statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"));
        member.request()
                .body("{\"productId\": ")
                .post("/api/cart/items")
                .then()
                .statusCode(400)
                .body("code", equalTo("MALFORMED_REQUEST"));
        member.request()
                .body(Map.of("quantity", -1))
                .patch("/api/cart/items/" + tea)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_QUANTITY"));
        member.request()
                .body(Map.of())
                .patch("/api/cart/items/" + tea)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_QUANTITY"));
        member.request()
                .delete("/api/cart/items/not-a-product")
                .then()
                .statusCode(400)
                .body("code", equalTo("MALFORMED_ID"));
        add(member, tea, 1000).then().statusCode(409).body("code", equalTo("QUANTITY_LIMIT_EXCEEDED"));

        checkOut(member, "not-a-cart").then().statusCode(400).body("code", equalTo("MALFORMED_ID"));
        for (String notACartId :
                List.of("cart-" + member.accountId() + "-0", "cart-abc-1", "cart-" + member.accountId() + "--1")) {
            checkOut(member, notACartId).then().statusCode(400).body("code", equalTo("MALFORMED_ID"));
            member.request()
                    .get("/api/carts/" + notACartId)
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("MALFORMED_ID"));
        }
        client().body(Map.of("productId", tea)).post("/api/cart/items").then().statusCode(401);

        member.request()
                .get("/api/cart")
                .then()
                .statusCode(200)
                .body("cartId", equalTo(cartId))
                .body("items.size()", equalTo(1))
                .body("items[0].quantity", equalTo(1));
    }

    @Test
    void someoneElsesCartDoesNotExistForMe() {
        Member admin = api.admin();
        String tea = createProduct(admin, uniqueName("Tea"), 1000);
        Member owner = api.signUp("Owner");
        Member other = api.signUp("Other");
        String cartId = added(owner, tea, 2);

        checkOut(other, cartId).then().statusCode(404).body("code", equalTo("CART_NOT_FOUND"));
        other.request().get("/api/carts/" + cartId).then().statusCode(404).body("code", equalTo("CART_NOT_FOUND"));
        api.withRoles("Auditor", "AUDITOR")
                .request()
                .get("/api/carts/" + cartId)
                .then()
                .statusCode(200)
                .body("items[0].quantity", equalTo(2));
        owner.request()
                .get("/api/cart")
                .then()
                .body("cartId", equalTo(cartId))
                .body("items[0].quantity", equalTo(2))
                .body("status", equalTo("OPEN"));
    }

    @Test
    void theCartAndTheReceiptCanBeReadAsOfAnInstant() {
        Member admin = api.admin();
        String tea = createProduct(admin, uniqueName("Tea"), 1000);
        Member member = api.signUp("Historian");
        Instant beforeAnything = Instant.now();
        String cartId = added(member, tea, 1);
        Instant afterFirstAdd = Instant.now();
        added(member, tea, 4);
        changePrice(admin, tea, 1100);
        Instant beforeCheckout = Instant.now();
        String receiptId = checkedOut(member, cartId);
        Instant afterCheckout = Instant.now();

        member.request()
                .queryParam("asOf", beforeAnything.toString())
                .get("/api/cart")
                .then()
                .statusCode(200)
                .body("cartId", nullValue());
        member.request()
                .queryParam("asOf", afterFirstAdd.toString())
                .get("/api/cart")
                .then()
                .statusCode(200)
                .body("cartId", equalTo(cartId))
                .body("items[0].quantity", equalTo(1))
                .body("items[0].unitPrice", equalTo(1000))
                .body("asOf", notNullValue());
        member.request()
                .queryParam("asOf", beforeCheckout.toString())
                .get("/api/cart")
                .then()
                .body("items[0].quantity", equalTo(5))
                .body("items[0].unitPrice", equalTo(1100));
        member.request()
                .queryParam("asOf", afterCheckout.toString())
                .get("/api/cart")
                .then()
                .body("cartId", nullValue());
        member.request()
                .queryParam("asOf", beforeCheckout.toString())
                .get("/api/carts/" + cartId)
                .then()
                .statusCode(200)
                .body("status", equalTo("OPEN"));

        member.request()
                .queryParam("asOf", beforeCheckout.toString())
                .get("/api/receipts/" + receiptId)
                .then()
                .statusCode(404)
                .body("code", equalTo("RECEIPT_NOT_FOUND"));
        member.request()
                .queryParam("asOf", afterCheckout.toString())
                .get("/api/receipts/" + receiptId)
                .then()
                .statusCode(200)
                .body("total", equalTo(5500));
    }
}
