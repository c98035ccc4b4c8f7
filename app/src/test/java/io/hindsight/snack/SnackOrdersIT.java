package io.hindsight.snack;

import static io.hindsight.snack.SnackCalls.ARRIVAL;
import static io.hindsight.snack.SnackCalls.createOrder;
import static io.hindsight.snack.SnackCalls.move;
import static io.hindsight.snack.SnackCalls.moveThrough;
import static io.hindsight.snack.SnackCalls.ordered;
import static io.hindsight.snack.SnackCalls.react;
import static io.hindsight.snack.SnackCalls.registered;
import static io.hindsight.snack.SnackCalls.revise;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.hindsight.account.api.AccountId;
import io.hindsight.common.MetadataKeys;
import io.hindsight.snack.api.SnackId;
import io.hindsight.snack.api.SnackOrderCreated;
import io.hindsight.snack.api.SnackOrderId;
import io.hindsight.snack.api.SnackOrderLine;
import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.Projections;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;

class SnackOrdersIT extends IntegrationTest {

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    EventStore eventStore;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anOrderWalksTheWholeFlowAndRemembersEveryStep() {
        Member member = api.signUp("Requester");
        Member admin = api.admin();
        String chips = registered(member, "Flow Chips");
        Response created = createOrder(member, chips, 3);
        created.then().statusCode(201).header("Location", startsWith("/api/snack-orders/"));
        String orderId = created.path("orderId");
        created.then().header("Location", "/api/snack-orders/" + orderId);

        member.request()
                .get("/api/snack-orders/" + orderId)
                .then()
                .statusCode(200)
                .body("orderId", equalTo(orderId))
                .body("status", equalTo("CREATED"))
                .body("requesterId", equalTo(member.accountId()))
                .body("items[0].snackId", equalTo(chips))
                .body("items[0].quantity", equalTo(3))
                .body("items[0].lineTotal", equalTo(3000))
                .body("estimatedArrival", nullValue())
                .body("statusHistory.status", contains("CREATED"))
                .body("statusHistory[0].actorId", equalTo(member.accountId()));
        Instant whileCreated = Instant.now();

        move(admin, orderId, "APPROVED").then().statusCode(200).body("status", equalTo("APPROVED"));
        move(admin, orderId, "ORDERED")
                .then()
                .statusCode(200)
                .body("status", equalTo("ORDERED"))
                .body("estimatedArrival", equalTo(ARRIVAL));
        Instant whileOrdered = Instant.now();
        move(admin, orderId, "SHIPPING").then().statusCode(200);
        move(admin, orderId, "COMPLETED").then().statusCode(200).body("status", equalTo("COMPLETED"));

        api.signUp("Colleague")
                .request()
                .get("/api/snack-orders/" + orderId)
                .then()
                .statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("estimatedArrival", equalTo(ARRIVAL))
                .body("statusHistory.status", contains("CREATED", "APPROVED", "ORDERED", "SHIPPING", "COMPLETED"))
                .body(
                        "statusHistory.actorId",
                        contains(
                                member.accountId(),
                                admin.accountId(),
                                admin.accountId(),
                                admin.accountId(),
                                admin.accountId()))
                .body("statusHistory[2].estimatedArrival", equalTo(ARRIVAL));
        List<String> times = member.request()
                .get("/api/snack-orders/" + orderId)
                .then()
                .extract()
                .path("statusHistory.at");
        assertThat(times).isSortedAccordingTo(Comparator.comparing(Instant::parse));

        member.request()
                .queryParam("asOf", whileCreated.toString())
                .get("/api/snack-orders/" + orderId)
                .then()
                .statusCode(200)
                .body("status", equalTo("CREATED"))
                .body("statusHistory.size()", equalTo(1))
                .body("asOf", equalTo(whileCreated.toString()));
        member.request()
                .queryParam("asOf", whileOrdered.toString())
                .get("/api/snack-orders/" + orderId)
                .then()
                .statusCode(200)
                .body("status", equalTo("ORDERED"))
                .body("estimatedArrival", equalTo(ARRIVAL));
        member.request()
                .queryParam("asOf", "2001-01-01T00:00:00Z")
                .get("/api/snack-orders/" + orderId)
                .then()
                .statusCode(404)
                .body("code", equalTo("SNACK_ORDER_NOT_FOUND"));
    }

    @Test
    void noStepCanBeSkippedRepeatedOrUndone() {
        Member member = api.signUp("Skipper");
        Member admin = api.admin();
        String orderId = ordered(member, registered(member, "Skip Snack"), 1);

        move(admin, orderId, "ORDERED")
                .then()
                .statusCode(409)
                .body("code", equalTo("INVALID_TRANSITION"))
                .body("detail", containsString("from CREATED to ORDERED"));
        move(admin, orderId, "SHIPPING").then().statusCode(409).body("code", equalTo("INVALID_TRANSITION"));
        move(admin, orderId, "COMPLETED").then().statusCode(409).body("code", equalTo("INVALID_TRANSITION"));
        move(admin, orderId, "CREATED").then().statusCode(409).body("code", equalTo("INVALID_TRANSITION"));
        moveThrough(admin, orderId, "APPROVED", "ORDERED");
        move(admin, orderId, "APPROVED").then().statusCode(409).body("code", equalTo("INVALID_TRANSITION"));
        move(admin, orderId, "CANCELED").then().statusCode(409).body("code", equalTo("INVALID_TRANSITION"));
        move(admin, orderId, "ORDERED").then().statusCode(409).body("code", equalTo("INVALID_TRANSITION"));
        moveThrough(admin, orderId, "SHIPPING", "COMPLETED");
        move(admin, orderId, "CANCELED").then().statusCode(409).body("code", equalTo("INVALID_TRANSITION"));

        String canceled = ordered(member, registered(member, "Cancel Snack"), 1);
        moveThrough(admin, canceled, "APPROVED", "CANCELED");
        move(admin, canceled, "APPROVED").then().statusCode(409).body("code", equalTo("INVALID_TRANSITION"));
        member.request()
                .get("/api/snack-orders/" + canceled)
                .then()
                .body("statusHistory.status", contains("CREATED", "APPROVED", "CANCELED"));
    }

    @Test
    void orderingAndShippingNeedAnEstimatedArrival() {
        Member member = api.signUp("Dater");
        Member admin = api.admin();
        String orderId = ordered(member, registered(member, "Date Snack"), 1);
        moveThrough(admin, orderId, "APPROVED");

        admin.request()
                .body(Map.of("status", "ORDERED"))
                .post("/api/snack-orders/" + orderId + "/status")
                .then()
                .statusCode(400)
                .body("code", equalTo("ESTIMATED_ARRIVAL_REQUIRED"));
        admin.request()
                .body(Map.of("status", "ORDERED", "estimatedArrival", "next week"))
                .post("/api/snack-orders/" + orderId + "/status")
                .then()
                .statusCode(400)
                .body("code", equalTo("MALFORMED_REQUEST"));
        admin.request()
                .body(Map.of("status", "ORDERED", "estimatedArrival", "2001-01-01"))
                .post("/api/snack-orders/" + orderId + "/status")
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_ESTIMATED_ARRIVAL"));
        for (String pastTheCalendar : List.of("+10000-01-01", "+999999999-12-31")) {
            admin.request()
                    .body(Map.of("status", "ORDERED", "estimatedArrival", pastTheCalendar))
                    .post("/api/snack-orders/" + orderId + "/status")
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("INVALID_ESTIMATED_ARRIVAL"));
        }
        admin.request()
                .body(Map.of("status", "ORDERED", "estimatedArrival", ARRIVAL))
                .post("/api/snack-orders/" + orderId + "/status")
                .then()
                .statusCode(200);
        admin.request()
                .body(Map.of("status", "SHIPPING"))
                .post("/api/snack-orders/" + orderId + "/status")
                .then()
                .statusCode(400)
                .body("code", equalTo("ESTIMATED_ARRIVAL_REQUIRED"));
        String later = LocalDate.parse(ARRIVAL).plusDays(2).toString();
        admin.request()
                .body(Map.of("status", "SHIPPING", "estimatedArrival", later))
                .post("/api/snack-orders/" + orderId + "/status")
                .then()
                .statusCode(200)
                .body("estimatedArrival", equalTo(later));
        admin.request()
                .body(Map.of("status", "SHIPPED"))
                .post("/api/snack-orders/" + orderId + "/status")
                .then()
                .statusCode(400);
        member.request()
                .get("/api/snack-orders/" + orderId)
                .then()
                .body("statusHistory.status", not(hasItem("SHIPPED")))
                .body("status", equalTo("SHIPPING"));
    }

    @Test
    void onlyAnAdminMovesAnOrder() {
        Member member = api.signUp("Hopeful");
        Member auditor = api.withRoles("Watcher", "AUDITOR");
        String orderId = ordered(member, registered(member, "Admin Only"), 1);
        move(member, orderId, "APPROVED").then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        move(auditor, orderId, "APPROVED").then().statusCode(403);
        member.request().get("/api/snack-orders/" + orderId).then().body("status", equalTo("CREATED"));
        move(api.admin(), "00000000-0000-4000-8000-000000000000", "APPROVED")
                .then()
                .statusCode(404);
        move(api.admin(), member.accountId(), "APPROVED").then().statusCode(404);
        move(api.admin(), "no-such-order", "APPROVED")
                .then()
                .statusCode(404)
                .body("code", equalTo("SNACK_ORDER_NOT_FOUND"));
    }

    @Test
    void approvingAndOrderingWaitUntilNoSnackIsMoreHatedThanLiked() {
        Member member = api.signUp("Picky");
        Member hater = api.signUp("Hater");
        Member hater2 = api.signUp("Hater Two");
        Member fan = api.signUp("Fan");
        Member admin = api.admin();
        String liked = registered(member, "Liked Snack");
        String contested = registered(member, "Contested Snack");
        String orderId = ordered(member, liked, 1, contested, 2);

        react(hater, contested, "HATE").then().statusCode(200);
        move(admin, orderId, "APPROVED")
                .then()
                .statusCode(409)
                .body("code", equalTo("SNACK_DISLIKED"))
                .body("detail", containsString("Contested Snack"));
        react(fan, contested, "LIKE").then().statusCode(200);
        move(admin, orderId, "APPROVED").then().statusCode(200);

        react(hater2, contested, "HATE").then().statusCode(200);
        move(admin, orderId, "ORDERED").then().statusCode(409).body("code", equalTo("SNACK_DISLIKED"));
        hater2.request().delete("/api/snacks/" + contested + "/reaction").then().statusCode(200);
        move(admin, orderId, "ORDERED").then().statusCode(200);

        react(hater2, contested, "HATE")
                .then()
                .statusCode(200)
                .body("hates", equalTo(2))
                .body("likes", equalTo(1));
        moveThrough(admin, orderId, "SHIPPING", "COMPLETED");

        String another = ordered(member, contested, 1);
        move(admin, another, "CANCELED").then().statusCode(200);
    }

    @Test
    void aSnackInAnUnshippedOrderCannotBeRequestedAgainUntilItShips() {
        Member member = api.signUp("Eager");
        Member colleague = api.signUp("Colleague");
        Member admin = api.admin();
        String snack = registered(member, "Popular Snack");
        String other = registered(member, "Other Snack");
        String first = ordered(member, snack, 1);

        createOrder(colleague, other, 1, snack, 2)
                .then()
                .statusCode(409)
                .body("code", equalTo("SNACK_ALREADY_REQUESTED"))
                .body("detail", containsString(first));
        createOrder(member, snack, 5).then().statusCode(409);
        moveThrough(admin, first, "APPROVED");
        createOrder(colleague, snack, 1).then().statusCode(409).body("code", equalTo("SNACK_ALREADY_REQUESTED"));
        moveThrough(admin, first, "ORDERED");
        createOrder(colleague, snack, 1).then().statusCode(409).body("code", equalTo("SNACK_ALREADY_REQUESTED"));
        moveThrough(admin, first, "SHIPPING");
        String second = ordered(colleague, other, 1, snack, 2);

        moveThrough(admin, second, "CANCELED");
        String third = ordered(member, snack, 1);
        revise(member, third, other, 1).then().statusCode(200).body("items[0].snackId", equalTo(other));
        String fourth = ordered(colleague, snack, 4);
        revise(member, third, other, 1, snack, 1)
                .then()
                .statusCode(409)
                .body("code", equalTo("SNACK_ALREADY_REQUESTED"));
        member.request().get("/api/snack-orders/" + third).then().body("items.snackId", contains(other));
        createOrder(member, other, 1).then().statusCode(409);
        member.request()
                .get("/api/snack-orders/" + fourth)
                .then()
                .statusCode(200)
                .body("status", equalTo("CREATED"));
    }

    @Test
    void onlyTheRequesterEditsAndOnlyWhileCreated() {
        Member member = api.signUp("Editor");
        Member stranger = api.signUp("Stranger");
        Member admin = api.admin();
        String chips = registered(member, "Edit Chips");
        String jelly = registered(member, "Edit Jelly");
        String orderId = ordered(member, chips, 1);

        revise(member, orderId, chips, 2, jelly, 3)
                .then()
                .statusCode(200)
                .body("items.snackId", contains(chips, jelly))
                .body("items.quantity", contains(2, 3));
        revise(stranger, orderId, jelly, 1).then().statusCode(404).body("code", equalTo("SNACK_ORDER_NOT_FOUND"));
        revise(admin, orderId, jelly, 1).then().statusCode(404);
        revise(member, orderId, chips, 1, chips, 2).then().statusCode(400).body("code", equalTo("DUPLICATE_ITEM"));
        revise(member, orderId, "00000000-0000-4000-8000-000000000000", 1)
                .then()
                .statusCode(400)
                .body("code", equalTo("UNKNOWN_SNACK"));
        moveThrough(admin, orderId, "APPROVED");
        revise(member, orderId, jelly, 1).then().statusCode(409).body("code", equalTo("ORDER_NOT_EDITABLE"));
        member.request()
                .get("/api/snack-orders/" + orderId)
                .then()
                .body("items.quantity", contains(2, 3))
                .body("snackQuantity", equalTo(5));
    }

    @Test
    void badOrdersAreRefusedAndChangeNothing() {
        Member member = api.signUp("Careless");
        String snack = registered(member, "Careful Snack");
        createOrder(member).then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        createOrder(member, snack, 0).then().statusCode(400);
        createOrder(member, snack, 1000).then().statusCode(400);
        for (String quantity : List.of("1.5", "2147483648", "1000000000001", "1e400")) {
            createOrder(member, snack, new BigDecimal(quantity))
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("VALIDATION_FAILED"));
        }
        createOrder(member, snack, 1, snack, 1).then().statusCode(400).body("code", equalTo("DUPLICATE_ITEM"));
        createOrder(member, "not-a-snack", 1).then().statusCode(400).body("code", equalTo("UNKNOWN_SNACK"));
        createOrder(member, snack, 1, "00000000-0000-4000-8000-000000000000", 1)
                .then()
                .statusCode(400)
                .body("code", equalTo("UNKNOWN_SNACK"));
        member.request()
                .body(Map.of("items", List.of(Map.of("snackId", snack, "quantity", "lots"))))
                .post("/api/snack-orders")
                .then()
                .statusCode(400)
                .body("code", equalTo("MALFORMED_REQUEST"));
        member.request()
                .body("{\"items\": [null]}")
                .post("/api/snack-orders")
                .then()
                .statusCode(400);
        client().body(Map.of("items", SnackCalls.items(snack, 1)))
                .post("/api/snack-orders")
                .then()
                .statusCode(401);
        // 1.0 is 1
        createOrder(member, snack, new BigDecimal("1.0")).then().statusCode(201);
    }

    /** A resigned member's order held its snacks for nobody until an ADMIN came round. */
    @Test
    void aResigningMembersOrderNobodyActedOnIsCanceledAndFreesItsSnacks() {
        Member admin = api.admin();
        Member leaving = api.signUp("Leaving Snacker");
        String chips = registered(leaving, "Farewell Chips");
        String jelly = registered(leaving, "Farewell Jelly");
        String waiting = ordered(leaving, chips, 2);
        String approved = ordered(leaving, jelly, 1);
        moveThrough(admin, approved, "APPROVED");

        leaving.request().delete("/api/me").then().statusCode(204);

        ordered(api.signUp("Next In Line"), chips, 1);
        createOrder(api.signUp("Too Soon"), jelly, 1)
                .then()
                .statusCode(409)
                .body("code", equalTo("SNACK_ALREADY_REQUESTED"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            admin.request()
                    .get("/api/snack-orders/" + waiting)
                    .then()
                    .body("status", equalTo("CANCELED"))
                    .body("statusHistory[-1].actorId", equalTo(leaving.accountId()));
            admin.request().get("/api/snack-orders/" + approved).then().body("status", equalTo("APPROVED"));
        });
    }

    /** Orders created before requesters were kept with their snacks get theirs from their creation events. */
    @Test
    void theMigrationFindsTheRequesterOfOrdersCreatedBeforeIt() throws Exception {
        Member member = api.signUp("Early Snacker");
        String orderId = ordered(member, registered(member, "Early Chips"), 1);
        jdbc.sql("UPDATE snack_open_request SET requester_id = NULL WHERE order_id = :order")
                .param("order", orderId)
                .update();
        String migration = new ClassPathResource("db/migration/V6_12__snack_open_request_requester.sql")
                .getContentAsString(StandardCharsets.UTF_8);
        String backfill =
                migration.substring(migration.indexOf("UPDATE"), migration.indexOf(";", migration.indexOf("UPDATE")));

        jdbc.sql(backfill).update();

        assertThat(jdbc.sql("SELECT requester_id FROM snack_open_request WHERE order_id = :order")
                        .param("order", orderId)
                        .query(String.class)
                        .list())
                .containsOnly(member.accountId());
    }

    @Test
    void theBoardListsOrdersByPeriodStatusAndRequester() {
        Member member = api.signUp("Boarder");
        Member admin = api.admin();
        String first = ordered(member, registered(member, "Board A"), 2);
        String second = ordered(member, registered(member, "Board B"), 1);
        moveThrough(admin, second, "APPROVED");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> member.request()
                        .queryParam("mine", true)
                        .get("/api/snack-orders")
                        .then()
                        .statusCode(200)
                        .body("total", equalTo(2))
                        .body("items.orderId", contains(second, first))
                        .body("items[0].status", equalTo("APPROVED"))
                        .body("items[1].items[0].quantity", equalTo(2)));
        member.request()
                .queryParam("mine", true)
                .queryParam("status", "APPROVED")
                .get("/api/snack-orders")
                .then()
                .body("items.orderId", contains(second));
        member.request()
                .queryParam("mine", true)
                .queryParam("year", today.getYear())
                .queryParam("month", today.getMonthValue())
                .queryParam("day", today.getDayOfMonth())
                .get("/api/snack-orders")
                .then()
                .body("total", equalTo(2));
        member.request()
                .queryParam("mine", true)
                .queryParam("year", today.getYear())
                .queryParam("month", today.getMonthValue())
                .queryParam("week", WeekOfMonth.of(today))
                .get("/api/snack-orders")
                .then()
                .body("total", equalTo(2));
        member.request()
                .queryParam("mine", true)
                .queryParam("from", today.minusDays(3).toString())
                .queryParam("to", today.toString())
                .get("/api/snack-orders")
                .then()
                .body("total", equalTo(2));
        member.request()
                .queryParam("mine", true)
                .queryParam("year", today.getYear() - 1)
                .get("/api/snack-orders")
                .then()
                .body("total", equalTo(0));
        member.request()
                .queryParam("mine", true)
                .queryParam("limit", 1)
                .queryParam("offset", 1)
                .get("/api/snack-orders")
                .then()
                .body("items.orderId", contains(first))
                .body("total", equalTo(2));

        member.request()
                .queryParam("month", 2)
                .get("/api/snack-orders")
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_PERIOD"));
        member.request()
                .queryParam("year", 2024)
                .queryParam("month", 2)
                .queryParam("day", 30)
                .get("/api/snack-orders")
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_PERIOD"));
        member.request()
                .queryParam("year", 2024)
                .queryParam("from", "2024-01-01")
                .get("/api/snack-orders")
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_PERIOD"));
        for (String notADay : List.of("yesterday", "0000-12-31", "+10000-01-01")) {
            member.request()
                    .queryParam("from", notADay)
                    .get("/api/snack-orders")
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("MALFORMED_REQUEST"))
                    .body(
                            "detail",
                            equalTo("The parameter 'from' must be a day written YYYY-MM-DD in the years 1 to 9999"));
        }
        // bound to one object, these parameters answer a wrong type as a parameter bound alone does, in the client's
        // words
        for (var notOfItsType : Map.of("year", "abc", "mine", "maybe", "status", "WHATEVER", "offset", "x")
                .entrySet()) {
            member.request()
                    .queryParam(notOfItsType.getKey(), notOfItsType.getValue())
                    .get("/api/snack-orders")
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("MALFORMED_REQUEST"))
                    .body("detail", startsWith("The parameter '" + notOfItsType.getKey() + "' must be"))
                    .body("detail", not(containsString("java")));
        }
        member.request()
                .queryParam("limit", "99999999999")
                .get("/api/snack-orders/snacks")
                .then()
                .statusCode(400)
                .body("code", equalTo("LIMIT_TOO_LARGE"));
        member.request()
                .queryParam("from", "2024-02-01")
                .queryParam("to", "2024-01-01")
                .get("/api/snack-orders")
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_PERIOD"));
        member.request()
                .queryParam("status", "LOST")
                .get("/api/snack-orders")
                .then()
                .statusCode(400);
        member.request()
                .queryParam("from", "yesterday")
                .get("/api/snack-orders")
                .then()
                .statusCode(400);
        member.request().get("/api/snack-orders/not-an-order").then().statusCode(404);
        member.request()
                .get("/api/snack-orders/00000000-0000-4000-8000-000000000000")
                .then()
                .statusCode(404)
                .body("code", equalTo("SNACK_ORDER_NOT_FOUND"));
    }

    @Test
    void theSnacksOfAPeriodCountEveryOrderButCanceledOnes() {
        Member member = api.signUp("Tallier");
        Member admin = api.admin();
        String chips = registered(member, "Period Chips");
        String jelly = registered(member, "Period Jelly");
        String gum = registered(member, "Period Gum");
        ordered(member, chips, 2, jelly, 1);
        String canceled = ordered(api.signUp("Changed Mind"), gum, 9);
        moveThrough(admin, canceled, "CANCELED");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            member.request()
                    .queryParam("mine", true)
                    .get("/api/snack-orders/snacks")
                    .then()
                    .statusCode(200)
                    .body("total", equalTo(2))
                    .body("items.snackId", contains(chips, jelly))
                    .body("items[0].quantity", equalTo(2))
                    .body("items[0].orders", equalTo(1))
                    .body("items[0].amount", equalTo(2000));
            member.request()
                    .queryParam("status", "CANCELED")
                    .queryParam("limit", 1000)
                    .get("/api/snack-orders/snacks")
                    .then()
                    .body("items.snackId", hasItem(gum));
        });
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<String> todays = member.request()
                .queryParam("from", today.toString())
                .queryParam("to", today.toString())
                .queryParam("limit", 1000)
                .get("/api/snack-orders/snacks")
                .then()
                .statusCode(200)
                .extract()
                .path("items.snackId");
        assertThat(todays).contains(chips, jelly).doesNotContain(gum);
    }

    @Test
    void figuresCountOrdersSnacksAndAmountsPerPeriod() {
        Member member = api.signUp("Counter");
        Member admin = api.admin();
        Member auditor = api.withRoles("Analyst", "AUDITOR");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String day = today.toString();
        awaitOrdersProjectedUpToNow();
        Map<String, Object> before = figures(auditor, "day", day).stream()
                .findFirst()
                .orElse(Map.of("orders", 0, "snackQuantity", 0, "amount", 0));

        String krw = registered(member, "Stats Chips");
        String usd = SnackCalls.register(member, SnackCalls.uniqueName("Stats Gummy"), 250, "USD")
                .then()
                .statusCode(201)
                .extract()
                .path("snackId");
        ordered(member, krw, 2, usd, 3);
        String canceled = ordered(member, registered(member, "Stats Canceled"), 50);
        moveThrough(admin, canceled, "CANCELED");
        String shipped = ordered(api.signUp("Counter Two"), registered(member, "Stats Shipped"), 1);
        moveThrough(admin, shipped, "APPROVED", "ORDERED", "SHIPPING");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<Map<String, Object>> days = figures(auditor, "day", day);
            assertThat(days).hasSize(1);
            Map<String, Object> now = days.get(0);
            assertThat(now.get("period")).isEqualTo(day);
            assertThat(number(now, "orders") - number(before, "orders")).isEqualTo(2);
            assertThat(number(now, "snackQuantity") - number(before, "snackQuantity"))
                    .isEqualTo(6);
            assertThat(number(now, "amount") - number(before, "amount")).isEqualTo(3000);
            assertThat(now.get("currency")).isEqualTo("KRW");
        });
        Map<String, Object> byDay = figures(auditor, "day", day).get(0);
        for (String granularity : List.of("year", "month", "week", "range")) {
            Map<String, Object> row = figures(auditor, granularity, day).get(0);
            assertThat(row.get("orders")).as(granularity).isEqualTo(byDay.get("orders"));
            assertThat(row.get("snackQuantity")).as(granularity).isEqualTo(byDay.get("snackQuantity"));
            assertThat(row.get("amount")).as(granularity).isEqualTo(byDay.get("amount"));
        }
        assertThat(figures(auditor, "month", day).get(0).get("period")).isEqualTo(day.substring(0, 7));
        assertThat(figures(auditor, "year", day).get(0).get("period")).isEqualTo(day.substring(0, 4));
        assertThat(figures(auditor, "week", day).get(0).get("period")).isEqualTo(WeekOfMonth.label(today));
        assertThat(figures(auditor, "range", day).get(0).get("period")).isEqualTo(day + ".." + day);
        admin.request()
                .queryParam("granularity", "day")
                .queryParam("from", day)
                .queryParam("to", day)
                .queryParam("currency", "usd")
                .get("/api/stats/snack-orders")
                .then()
                .statusCode(200)
                .body("[0].currency", equalTo("USD"))
                .body("[0].amount", equalTo(((Map<?, ?>) byDay.get("amounts")).get("USD")));

        member.request().get("/api/stats/snack-orders").then().statusCode(403);
        admin.request()
                .queryParam("granularity", "fortnight")
                .get("/api/stats/snack-orders")
                .then()
                .statusCode(400);
        admin.request()
                .queryParam("from", "2024-02-01")
                .queryParam("to", "2024-01-01")
                .get("/api/stats/snack-orders")
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_PERIOD"));
        admin.request()
                .queryParam("currency", "$$$")
                .get("/api/stats/snack-orders")
                .then()
                .statusCode(400);
        admin.request()
                .queryParam("granularity", "range")
                .queryParam("from", "1999-01-01")
                .queryParam("to", "1999-12-31")
                .get("/api/stats/snack-orders")
                .then()
                .statusCode(200)
                .body("[0].period", equalTo("1999-01-01..1999-12-31"))
                .body("[0].orders", equalTo(0));
    }

    /**
     * A day's lines can add up past a long (a price up to 10^12 times 999, fifty lines an order): the sums are exact.
     * Three orders of 4 * 10^18 each, stored on a day no other test reads, stand in for the 185 orders it takes.
     */
    @Test
    void figuresAddUpPastWhatALongHolds() {
        Member admin = api.admin();
        SnackId goldBar = SnackId.newId();
        Instant day = Instant.parse("2003-03-03T10:00:00Z");
        List<EventMessage<?>> orders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            SnackOrderId orderId = SnackOrderId.newId();
            orders.add(new GenericDomainEventMessage<>(
                    "SnackOrder",
                    orderId.value(),
                    0,
                    new SnackOrderCreated(
                            orderId,
                            AccountId.of(admin.accountId()),
                            List.of(new SnackOrderLine(goldBar, "Gold bar", 1, 4_000_000_000_000_000_000L, "KRW"))),
                    Map.of(MetadataKeys.ACTOR_ID, admin.accountId()),
                    UUID.randomUUID().toString(),
                    day.plusSeconds(i)));
        }
        eventStore.publish(orders);
        Projections.awaitAllCaughtUp(admin);

        String twelveQuintillion = "12000000000000000000";
        for (String granularity : List.of("day", "week", "month", "year", "range")) {
            String figures = admin.request()
                    .queryParam("granularity", granularity)
                    .queryParam("from", "2003-03-01")
                    .queryParam("to", "2003-03-31")
                    .get("/api/stats/snack-orders")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            assertThat(figures)
                    .as(granularity)
                    .contains("\"amount\":" + twelveQuintillion)
                    .contains("\"KRW\":" + twelveQuintillion);
        }
        assertThat(admin.request()
                        .queryParam("from", "2003-03-01")
                        .queryParam("to", "2003-03-31")
                        .get("/api/snack-orders/snacks")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .contains("\"amount\":" + twelveQuintillion);
        admin.request()
                .queryParam("currency", "ABC")
                .get("/api/stats/snack-orders")
                .then()
                .statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"));
    }

    /** Figures are compared before and after; orders of earlier tests must not land in between. */
    private void awaitOrdersProjectedUpToNow() {
        long head = eventStore.createHeadToken().position().orElse(0);
        StreamingEventProcessor processor = processing
                .eventProcessor("snack-orders", StreamingEventProcessor.class)
                .orElseThrow();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !processor.processingStatus().isEmpty()
                        && processor.processingStatus().values().stream()
                                .allMatch(
                                        segment -> segment.getCurrentPosition().orElse(-1) >= head));
    }

    private static List<Map<String, Object>> figures(Member reader, String granularity, String day) {
        return reader.request()
                .queryParam("granularity", granularity)
                .queryParam("from", day)
                .queryParam("to", day)
                .get("/api/stats/snack-orders")
                .then()
                .statusCode(200)
                .extract()
                .path("$");
    }

    private static long number(Map<String, Object> row, String field) {
        return ((Number) row.get(field)).longValue();
    }
}
