package io.hindsight.store;

import static io.hindsight.support.IntegrationTest.client;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hindsight.support.Api;
import io.hindsight.support.Api.Member;
import io.hindsight.support.FakePortOne;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Merchants, menus, orders and payments, as the tests of stores need them. */
public final class StoreSteps {

    private StoreSteps() {}

    /** A merchant who just signed up with a store, and the store's ids. */
    public record Merchant(Member member, String storeId, String walletId) {

        public io.restassured.specification.RequestSpecification request() {
            return member.request();
        }
    }

    static Response signUpMerchant(String name, String storeName) {
        return client().body(Map.of(
                        "email",
                        Api.uniqueEmail(name.toLowerCase().replace(' ', '-')),
                        "password",
                        "password-" + name,
                        "name",
                        name,
                        "storeName",
                        storeName,
                        "address",
                        "12 Sejong-daero, Jung-gu, Seoul"))
                .post("/api/merchants");
    }

    /** A merchant with an open store serving one item at {@code price}; answers the merchant and the item's id. */
    static Merchant merchant(String name) {
        Response response = signUpMerchant(name, name + "'s Coffee");
        response.then().statusCode(201);
        Member member = new Member(
                response.path("merchantId"), null, null, response.path("accessToken"), response.path("refreshToken"));
        return new Merchant(member, response.path("storeId"), response.path("walletId"));
    }

    public static Merchant openStore(String name) {
        Merchant merchant = merchant(name);
        merchant.request()
                .put("/api/stores/" + merchant.storeId() + "/open")
                .then()
                .statusCode(200);
        return merchant;
    }

    public static String menu(Merchant merchant, String name, long price) {
        return merchant.request()
                .body(Map.of("name", name, "price", price, "description", name + ", freshly made"))
                .post("/api/stores/" + merchant.storeId() + "/menus")
                .then()
                .statusCode(201)
                .extract()
                .path("menuId");
    }

    static Map<String, Object> delivery() {
        return Map.of("address", "3F, 77 Teheran-ro, Gangnam-gu", "request", "Leave it at the door");
    }

    static Response order(Member customer, String storeId, Map<String, ? extends Number> items, long points) {
        List<Map<String, Object>> lines = new ArrayList<>();
        items.forEach((menuId, quantity) -> lines.add(Map.of("menuId", menuId, "quantity", quantity)));
        Map<String, Object> body = new HashMap<>();
        body.put("storeId", storeId);
        body.put("items", lines);
        body.put("delivery", delivery());
        body.put("points", points);
        return customer.request().body(body).post("/api/store-orders");
    }

    /** An order of one item, created (awaiting payment unless points cover it); answers the creation's body. */
    public static JsonPath ordered(Member customer, String storeId, String menuId, int quantity, long points) {
        return order(customer, storeId, Map.of(menuId, quantity), points)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    public static Response gift(Member giver, Member recipient, Merchant merchant, String menuId, String message) {
        return gift(giver, recipient.accountId(), merchant, menuId, message);
    }

    /** A gift to an account id as the client writes it. */
    public static Response gift(
            Member giver, String recipientAccountId, Merchant merchant, String menuId, String message) {
        return giver.request()
                .body(Map.of(
                        "recipientAccountId",
                        recipientAccountId,
                        "storeId",
                        merchant.storeId(),
                        "menuId",
                        menuId,
                        "message",
                        message))
                .post("/api/gifts");
    }

    /** A gift order waiting for its payment; answers its id. */
    static String giftOrder(Member giver, Member recipient, Merchant merchant, String menuId) {
        return gift(giver, recipient, merchant, menuId, "For you")
                .then()
                .statusCode(201)
                .extract()
                .path("orderId");
    }

    public static Response webhook(String impUid, String merchantUid, String status) {
        return client().body(notification(impUid, merchantUid, status)).post("/api/payments/webhook");
    }

    /** The provider's notification of a paid payment, delivered to the node listening on {@code port}. */
    public static Response webhookAt(int port, String impUid, String merchantUid) {
        return client().port(port)
                .body(notification(impUid, merchantUid, "paid"))
                .post("/api/payments/webhook");
    }

    private static Map<String, Object> notification(String impUid, String merchantUid, String status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("imp_uid", impUid);
        body.put("merchant_uid", merchantUid);
        body.put("status", status);
        return body;
    }

    /** Pays the order in full at the provider and delivers the provider's notification; answers the imp_uid. */
    public static String pay(String orderId, long amount) {
        String impUid = FakePortOne.paid(orderId, amount);
        webhook(impUid, orderId, "paid").then().statusCode(200);
        return impUid;
    }

    public static JsonPath orderOf(Member reader, String orderId) {
        return reader.request()
                .get("/api/store-orders/" + orderId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    static void awaitStatus(Member reader, String orderId, String status) {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() ->
                        assertThat(orderOf(reader, orderId).getString("status")).isEqualTo(status));
    }

    static void awaitCancelledAtProvider(String impUid) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> FakePortOne.status(impUid).equals("cancelled"));
    }

    static JsonPath points(Member member) {
        return member.request()
                .get("/api/me/points")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    static void awaitPoints(Member member, long balance, long held) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonPath points = points(member);
            assertThat(points.getLong("balance")).as("points balance").isEqualTo(balance);
            assertThat(points.getLong("held")).as("points held").isEqualTo(held);
        });
    }

    public static long grantPoints(Member admin, Member member, long amount, String reason) {
        return grantPoints(admin.request(), member, amount, reason);
    }

    /** Grants points through {@code adminRequest} (an ADMIN's request, to whichever node). */
    public static long grantPoints(RequestSpecification adminRequest, Member member, long amount, String reason) {
        return adminRequest
                .body(Map.of("amount", amount, "reason", reason))
                .post("/api/admin/users/" + member.accountId() + "/points")
                .then()
                .statusCode(200)
                .extract()
                .<Number>path("balance")
                .longValue();
    }
}
