package io.hindsight.shop;

import static org.hamcrest.Matchers.equalTo;

import io.hindsight.support.Api.Member;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The shop calls most tests make on the way to what they check (the audit and console tests too). */
public final class ShopSteps {

    private ShopSteps() {}

    public static String uniqueName(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String createProduct(Member admin, String name, long price) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("description", "About " + name);
        body.put("price", price);
        body.put("imageUrl", "https://images.hindsight.test/" + UUID.randomUUID() + ".png");
        return admin.request()
                .body(body)
                .post("/api/products")
                .then()
                .statusCode(201)
                .extract()
                .path("productId");
    }

    static Response add(Member member, String productId, int quantity) {
        return member.request()
                .body(Map.of("productId", productId, "quantity", quantity))
                .post("/api/cart/items");
    }

    /** Adds and returns the id of the cart it went to. */
    public static String added(Member member, String productId, int quantity) {
        return add(member, productId, quantity).then().statusCode(200).extract().path("cartId");
    }

    public static Response checkOut(Member member, String cartId) {
        return member.request().body(Map.of("cartId", cartId)).post("/api/cart/checkout");
    }

    /** Checks out and returns the receipt id. */
    public static String checkedOut(Member member, String cartId) {
        return checkOut(member, cartId)
                .then()
                .statusCode(201)
                .body("cartId", equalTo(cartId))
                .extract()
                .path("receiptId");
    }

    /** Checks out as part of a request with the given correlation id and returns the receipt id. */
    public static String checkedOut(Member member, String cartId, String correlationId) {
        return member.request()
                .header("X-Correlation-Id", correlationId)
                .body(Map.of("cartId", cartId))
                .post("/api/cart/checkout")
                .then()
                .statusCode(201)
                .extract()
                .path("receiptId");
    }

    static void changePrice(Member admin, String productId, long price) {
        admin.request()
                .body(Map.of("price", price))
                .patch("/api/products/" + productId)
                .then()
                .statusCode(200)
                .body("price", equalTo((int) price));
    }

    static void setActive(Member admin, String productId, boolean active) {
        admin.request()
                .body(Map.of("active", active))
                .patch("/api/products/" + productId)
                .then()
                .statusCode(200)
                .body("active", equalTo(active));
    }

    /** Quantity per product id of a cart or receipt body's {@code items} or {@code lines}. */
    static Map<String, Integer> quantities(List<Map<String, Object>> lines) {
        Map<String, Integer> quantities = new HashMap<>();
        for (Map<String, Object> line : lines) {
            quantities.merge((String) line.get("productId"), ((Number) line.get("quantity")).intValue(), Integer::sum);
        }
        return quantities;
    }
}
