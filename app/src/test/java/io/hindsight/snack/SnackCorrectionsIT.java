package io.hindsight.snack;

import static io.hindsight.snack.SnackCalls.createOrder;
import static io.hindsight.snack.SnackCalls.move;
import static io.hindsight.snack.SnackCalls.moveThrough;
import static io.hindsight.snack.SnackCalls.ordered;
import static io.hindsight.snack.SnackCalls.registered;
import static io.hindsight.snack.SnackCalls.revise;
import static io.hindsight.snack.SnackCalls.uniqueName;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.Projections;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What snack board users missed: correcting and retiring snacks, canceling one's own order, what is requestable. */
class SnackCorrectionsIT extends IntegrationTest {

    @Test
    void theRegistrantOrAnAdminCorrectsASnackAndOnlyLaterOrdersPayTheNewPrice() {
        Member registrant = api.signUp("Corrector");
        String snack = registered(registrant, uniqueName("Typo Chips"), 1000);
        String before = ordered(registrant, snack, 2);
        moveThrough(api.admin(), before, "APPROVED", "ORDERED", "SHIPPING");

        correct(registrant, snack, Map.of("price", 1200, "url", "https://shop.example/fixed", "description", ""))
                .then()
                .statusCode(200)
                .body("price", equalTo(1200))
                .body("url", equalTo("https://shop.example/fixed"))
                .body("description", nullValue());
        correct(api.admin(), snack, Map.of("imageUrl", "https://img.example/fixed.png"))
                .then()
                .statusCode(200)
                .body("imageUrl", equalTo("https://img.example/fixed.png"))
                .body("price", equalTo(1200));
        String after = ordered(registrant, snack, 2);

        registrant
                .request()
                .get("/api/snacks/" + snack)
                .then()
                .body("price", equalTo(1200))
                .body("url", equalTo("https://shop.example/fixed"))
                .body("imageUrl", equalTo("https://img.example/fixed.png"));
        registrant.request().get("/api/snack-orders/" + before).then().body("items[0].lineTotal", equalTo(2000));
        registrant.request().get("/api/snack-orders/" + after).then().body("items[0].lineTotal", equalTo(2400));
    }

    @Test
    void nobodyElseCorrectsASnackAndACorrectionMustBeValidAndSaySomething() {
        Member registrant = api.signUp("Owner Of Snack");
        String snack = registered(registrant, uniqueName("Guarded"), 1000);

        correct(api.signUp("Meddler"), snack, Map.of("price", 1))
                .then()
                .statusCode(403)
                .body("code", equalTo("FORBIDDEN"));
        correct(registrant, snack, Map.of()).then().statusCode(400).body("code", equalTo("NOTHING_TO_CHANGE"));
        correct(registrant, snack, Map.of("url", "javascript:alert(1)"))
                .then()
                .statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"));
        correct(registrant, snack, Map.of("price", -1)).then().statusCode(400);
        correct(registrant, "00000000-0000-0000-0000-000000000000", Map.of("price", 1))
                .then()
                .statusCode(404)
                .body("code", equalTo("SNACK_NOT_FOUND"));
        Projections.awaitAllCaughtUp(api.admin());
        registrant.request().get("/api/snacks/" + snack).then().body("price", equalTo(1000));
    }

    /**
     * A description of only invisible characters (a zero-width space, a no-break space) shows nothing and is none,
     * as a blank one is: it was kept, and the board showed an empty description that was not null.
     */
    @Test
    void aDescriptionThatShowsNothingIsNone() {
        Member registrant = api.signUp("Invisible Describer");
        String snack = registrant
                .request()
                .body(Map.of(
                        "name", uniqueName("Blank Crackers"),
                        "url", "https://shop.example/blank",
                        "description", "\u200b\u00a0\u200b",
                        "price", 500,
                        "currency", "KRW"))
                .post("/api/snacks")
                .then()
                .statusCode(201)
                .extract()
                .path("snackId");
        registrant.request().get("/api/snacks/" + snack).then().statusCode(200).body("description", nullValue());

        correct(registrant, snack, Map.of("description", "Crisp"))
                .then()
                .statusCode(200)
                .body("description", equalTo("Crisp"));
        correct(registrant, snack, Map.of("description", "\u2060\u200b"))
                .then()
                .statusCode(200)
                .body("description", nullValue());
        registrant.request().get("/api/snacks/" + snack).then().statusCode(200).body("description", nullValue());
    }

    @Test
    void aRetiredSnackCannotBeRequestedButPastOrdersKeepIt() {
        Member admin = api.admin();
        Member member = api.signUp("Retiree Fan");
        String snack = registered(member, uniqueName("Discontinued"), 700);
        String other = registered(member, uniqueName("Still Sold"), 300);
        String past = ordered(member, snack, 1);
        moveThrough(admin, past, "APPROVED", "ORDERED", "SHIPPING");
        String open = ordered(member, other, 1);

        member.request().post("/api/snacks/" + snack + "/retire").then().statusCode(403);
        admin.request()
                .post("/api/snacks/" + snack + "/retire")
                .then()
                .statusCode(200)
                .body("retired", equalTo(true));
        admin.request().post("/api/snacks/" + snack + "/retire").then().statusCode(200);

        createOrder(member, snack, 1).then().statusCode(409).body("code", equalTo("SNACK_RETIRED"));
        revise(member, open, other, 1, snack, 1).then().statusCode(409).body("code", equalTo("SNACK_RETIRED"));
        member.request()
                .get("/api/snacks/" + snack)
                .then()
                .body("retired", equalTo(true))
                .body("retiredAt", notNullValue())
                .body("requestable", equalTo(false));
        member.request().get("/api/snacks/" + other).then().body("retired", equalTo(false));
        member.request()
                .get("/api/snack-orders/" + past)
                .then()
                .statusCode(200)
                .body("items[0].snackId", equalTo(snack))
                .body("items[0].retired", equalTo(true));
        move(admin, past, "COMPLETED").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> member.request()
                        .queryParam("sort", "newest")
                        .queryParam("limit", 1000)
                        .get("/api/snacks")
                        .then()
                        .body("items.find { it.snackId == '" + snack + "' }.retired", equalTo(true)));
    }

    @Test
    void theRequesterCancelsTheirOwnOrderWhileCreatedAndItsSnacksAreFreed() {
        Member admin = api.admin();
        Member member = api.signUp("Changed Mind");
        String snack = registered(member, uniqueName("Unwanted"), 500);
        String order = ordered(member, snack, 1);

        api.signUp("Stranger")
                .request()
                .post("/api/snack-orders/" + order + "/cancel")
                .then()
                .statusCode(404)
                .body("code", equalTo("SNACK_ORDER_NOT_FOUND"));
        cancel(member, order).then().statusCode(200).body("status", equalTo("CANCELED"));
        cancel(member, order).then().statusCode(200).body("status", equalTo("CANCELED"));
        String again = ordered(api.signUp("Next In Line"), snack, 1);
        member.request()
                .get("/api/snack-orders/" + order)
                .then()
                .body("status", equalTo("CANCELED"))
                .body("statusHistory[1].actorId", equalTo(member.accountId()));

        Member requester = api.signUp("Too Late");
        String approved = ordered(requester, registered(requester, uniqueName("Approved")), 1);
        move(admin, approved, "APPROVED").then().statusCode(200);
        cancel(requester, approved).then().statusCode(409).body("code", equalTo("ORDER_NOT_CANCELABLE"));
        move(admin, again, "CANCELED").then().statusCode(200);
    }

    @Test
    void theSnackListSaysWhatCanBeRequestedAndTheBoardShowsLinksAndImages() {
        Member admin = api.admin();
        Member member = api.signUp("Board Reader");
        String snack = registered(member, uniqueName("Linked"), 900);
        String snackUrl = member.request().get("/api/snacks/" + snack).path("url");
        member.request().get("/api/snacks/" + snack).then().body("requestable", equalTo(true));
        String order = ordered(member, snack, 1);

        member.request().get("/api/snacks/" + snack).then().body("requestable", equalTo(false));
        member.request()
                .get("/api/snack-orders/" + order)
                .then()
                .body("items[0].url", equalTo(snackUrl))
                .body("items[0].imageUrl", startsWith("https://img.example/"));
        member.request()
                .queryParam("mine", true)
                .get("/api/snack-orders")
                .then()
                .body("items.find { it.orderId == '" + order + "' }.items[0].url", equalTo(snackUrl));
        assertListed(member, snack, false);

        Instant beforeShipping = Instant.now();
        moveThrough(admin, order, "APPROVED", "ORDERED", "SHIPPING");
        member.request().get("/api/snacks/" + snack).then().body("requestable", equalTo(true));
        member.request()
                .queryParam("asOf", beforeShipping.toString())
                .get("/api/snacks/" + snack)
                .then()
                .body("requestable", nullValue());
    }

    /** Read-your-writes: the read right after an order, a cancellation or a shipment already shows it, every time. */
    @Test
    void requestableFollowsEveryOrderAtOnce() {
        Member admin = api.admin();
        Member member = api.signUp("Quick Reader");
        for (int i = 0; i < 20; i++) {
            String snack = registered(member, uniqueName("Quick"), 500);
            String order = ordered(member, snack, 1);
            member.request().get("/api/snacks/" + snack).then().statusCode(200).body("requestable", equalTo(false));
            assertListed(member, snack, false);
            if (i % 2 == 0) {
                cancel(member, order).then().statusCode(200);
            } else {
                moveThrough(admin, order, "APPROVED", "ORDERED", "SHIPPING");
            }
            member.request().get("/api/snacks/" + snack).then().statusCode(200).body("requestable", equalTo(true));
            assertListed(member, snack, true);
        }
    }

    /** The board's links come from the snack read model: a retirement shows on the next read of the board. */
    @Test
    void theBoardShowsARetirementAtOnce() {
        Member admin = api.admin();
        Member member = api.signUp("Board Watcher");
        for (int i = 0; i < 10; i++) {
            String snack = registered(member, uniqueName("Retiring"), 700);
            String order = ordered(member, snack, 1);
            admin.request().post("/api/snacks/" + snack + "/retire").then().statusCode(200);
            member.request()
                    .queryParam("mine", true)
                    .get("/api/snack-orders")
                    .then()
                    .statusCode(200)
                    .body("items.find { it.orderId == '" + order + "' }.items[0].retired", equalTo(true));
        }
    }

    private static void assertListed(Member member, String snack, boolean requestable) {
        member.request()
                .queryParam("sort", "newest")
                .queryParam("limit", 1000)
                .get("/api/snacks")
                .then()
                .statusCode(200)
                .body("items.find { it.snackId == '" + snack + "' }.requestable", equalTo(requestable));
    }

    private static Response correct(Member member, String snackId, Map<String, Object> body) {
        return member.request().body(body).patch("/api/snacks/" + snackId);
    }

    private static Response cancel(Member member, String orderId) {
        return member.request().post("/api/snack-orders/" + orderId + "/cancel");
    }
}
