package io.hindsight.snack;

import io.hindsight.support.Api.Member;
import io.restassured.response.Response;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The snack calls the integration tests make over and over (the console tests too). */
public final class SnackCalls {

    static final String ARRIVAL = LocalDate.now().plusDays(7).toString();

    private SnackCalls() {}

    static String uniqueName(String base) {
        return base + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    static Response register(Member member, String name, long price, String currency) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("url", "https://shop.example/" + UUID.randomUUID());
        body.put("description", "Tasty " + name);
        body.put("imageUrl", "https://img.example/" + UUID.randomUUID() + ".png");
        body.put("price", price);
        body.put("currency", currency);
        return member.request().body(body).post("/api/snacks");
    }

    static String registered(Member member, String name, long price) {
        return register(member, name, price, "KRW")
                .then()
                .statusCode(201)
                .extract()
                .path("snackId");
    }

    public static String registered(Member member, String base) {
        return registered(member, uniqueName(base), 1000);
    }

    public static Response react(Member member, String snackId, String type) {
        return member.request().body(Map.of("type", type)).put("/api/snacks/" + snackId + "/reaction");
    }

    static Response createOrder(Member member, Object... snackIdsAndQuantities) {
        return member.request()
                .body(Map.of("items", items(snackIdsAndQuantities)))
                .post("/api/snack-orders");
    }

    public static String ordered(Member member, Object... snackIdsAndQuantities) {
        return createOrder(member, snackIdsAndQuantities)
                .then()
                .statusCode(201)
                .extract()
                .path("orderId");
    }

    static Response revise(Member member, String orderId, Object... snackIdsAndQuantities) {
        return member.request()
                .body(Map.of("items", items(snackIdsAndQuantities)))
                .put("/api/snack-orders/" + orderId + "/items");
    }

    public static Response move(Member admin, String orderId, String status) {
        Map<String, Object> body = new HashMap<>();
        body.put("status", status);
        if (status.equals("ORDERED") || status.equals("SHIPPING")) {
            body.put("estimatedArrival", ARRIVAL);
        }
        return admin.request().body(body).post("/api/snack-orders/" + orderId + "/status");
    }

    static void moveThrough(Member admin, String orderId, String... statuses) {
        for (String status : statuses) {
            move(admin, orderId, status).then().statusCode(200);
        }
    }

    static List<Map<String, Object>> items(Object... snackIdsAndQuantities) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < snackIdsAndQuantities.length; i += 2) {
            items.add(Map.of("snackId", snackIdsAndQuantities[i], "quantity", snackIdsAndQuantities[i + 1]));
        }
        return items;
    }
}
