package io.hindsight.booking;

import static io.hindsight.booking.BookingApi.MAPO;
import static io.hindsight.booking.BookingApi.PARTY_ROOM;
import static io.hindsight.booking.BookingApi.WALLET;
import static io.hindsight.booking.BookingApi.availability;
import static io.hindsight.booking.BookingApi.book;
import static io.hindsight.booking.BookingApi.booked;
import static io.hindsight.booking.BookingApi.inDays;
import static io.hindsight.booking.BookingApi.prices;
import static io.hindsight.booking.BookingApi.registerSpace;
import static io.hindsight.booking.BookingApi.space;
import static io.hindsight.ledger.LedgerSteps.assertLedgerHolds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.either;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.hindsight.booking.api.BookingId;
import io.hindsight.booking.api.SlotId;
import io.hindsight.booking.api.SpaceId;
import io.hindsight.projection.admin.ProjectionPause;
import io.hindsight.support.AggregateSnapshotRows;
import io.hindsight.support.Api;
import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.MigrationFills;
import io.restassured.response.Response;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class BookingsIT extends IntegrationTest {

    @Autowired
    private EventStore eventStore;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private ProjectionPause pause;

    @AfterAll
    static void theLedgerHolds() {
        assertLedgerHolds(new Api().admin());
    }

    @Test
    void aBookingHoldsItsSlotUntilCanceledAndIsConfirmedByPayment() {
        Member host = api.withRoles("Lifecycle Host", "HOST");
        Member guest = api.signUpWithWallet("Lifecycle Guest", WALLET);
        String spaceId = registerSpace(host);
        LocalDate date = inDays(10);

        Instant beforeBooking = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Response placed = book(guest, spaceId, date, "DAY", 4);
        placed.then()
                .statusCode(201)
                .header("Location", "/api/bookings/" + placed.path("bookingId"))
                .body("status", equalTo("PENDING"))
                .body("price", equalTo(50_000))
                .body("currency", equalTo("KRW"));
        String bookingId = placed.path("bookingId");
        Instant holdExpiresAt = Instant.parse(placed.path("holdExpiresAt"));
        assertThat(holdExpiresAt)
                .isBetween(
                        beforeBooking.plus(Duration.ofMinutes(15)),
                        Instant.now().plus(Duration.ofMinutes(15)));

        guest.request()
                .get("/api/bookings/" + bookingId)
                .then()
                .statusCode(200)
                .body("bookingId", equalTo(bookingId))
                .body("spaceId", equalTo(spaceId))
                .body("date", equalTo(date.toString()))
                .body("option", equalTo("DAY"))
                .body("headcount", equalTo(4))
                .body("status", equalTo("PENDING"));
        availability(spaceId, date, "DAY")
                .then()
                .statusCode(200)
                .body("available", equalTo(false))
                .body("reason", equalTo("SLOT_TAKEN"));
        availability(spaceId, date, "NIGHT")
                .then()
                .statusCode(200)
                .body("available", equalTo(true))
                .body("reason", nullValue());

        guest.request()
                .post("/api/bookings/" + bookingId + "/confirm")
                .then()
                .statusCode(200)
                .body("status", equalTo("CONFIRMED"));
        guest.request()
                .post("/api/bookings/" + bookingId + "/confirm")
                .then()
                .statusCode(200)
                .body("status", equalTo("CONFIRMED"));
        book(api.signUpWithWallet("Late Guest", WALLET), spaceId, date, "ALL_DAY", 4)
                .then()
                .statusCode(409)
                .body("code", equalTo("SLOT_TAKEN"));

        guest.request()
                .post("/api/bookings/" + bookingId + "/cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("CANCELED"));
        guest.request()
                .post("/api/bookings/" + bookingId + "/confirm")
                .then()
                .statusCode(409)
                .body("code", equalTo("INVALID_TRANSITION"));
        availability(spaceId, date, "ALL_DAY").then().statusCode(200).body("available", equalTo(true));
        booked(api.signUpWithWallet("Next Guest", WALLET), spaceId, date, "ALL_DAY");
    }

    @Test
    void aSpaceIdIsReadInAnyLetterCaseAsOtherIdsAre() {
        Member host = api.withRoles("Upper Case Host", "HOST");
        String spaceId = registerSpace(host);
        String upper = spaceId.toUpperCase();
        Member guest = api.signUpWithWallet("Upper Case Guest", WALLET);

        guest.request().get("/api/spaces/" + upper).then().statusCode(200).body("spaceId", equalTo(spaceId));
        availability(upper, inDays(13), "DAY")
                .then()
                .statusCode(200)
                .body("available", equalTo(true))
                .body("spaceId", equalTo(spaceId));
        guest.request()
                .put("/api/spaces/" + upper + "/like")
                .then()
                .statusCode(200)
                .body("spaceId", equalTo(spaceId));
        String bookingId = booked(guest, upper, inDays(13), "DAY");
        assertThat(BookingId.parse(bookingId).orElseThrow().spaceId().value()).isEqualTo(spaceId);
        book(guest, spaceId, inDays(13), "DAY", 4).then().statusCode(409).body("code", equalTo("SLOT_TAKEN"));
        guest.request()
                .get("/api/bookings/" + bookingId.toUpperCase())
                .then()
                .statusCode(200)
                .body("bookingId", equalTo(bookingId));
        host.request()
                .get("/api/spaces/" + upper + "/bookings")
                .then()
                .statusCode(200)
                .body("items.bookingId", hasItem(bookingId));
    }

    @Test
    void allDayTakesTheWholeDateWhileDayAndNightShareIt() {
        String spaceId = registerSpace(api.withRoles("Rules Host", "HOST"));
        Member guest = api.signUpWithWallet("Rules Guest", WALLET);
        LocalDate dayAndNight = inDays(11);
        LocalDate allDay = inDays(12);

        booked(guest, spaceId, dayAndNight, "DAY");
        booked(guest, spaceId, dayAndNight, "NIGHT");
        book(guest, spaceId, dayAndNight, "DAY", 4).then().statusCode(409).body("code", equalTo("SLOT_TAKEN"));
        book(guest, spaceId, dayAndNight, "ALL_DAY", 4).then().statusCode(409).body("code", equalTo("SLOT_TAKEN"));

        booked(guest, spaceId, allDay, "ALL_DAY");
        for (String option : List.of("DAY", "NIGHT", "ALL_DAY")) {
            book(guest, spaceId, allDay, option, 4)
                    .then()
                    .statusCode(409)
                    .body("code", equalTo("SLOT_TAKEN"))
                    .body("type", notNullValue())
                    .body("detail", notNullValue());
        }
    }

    @Test
    void onlyTheGuestTheHostAndAuditorsSeeABookingAndOthersGetNotFound() {
        Member host = api.withRoles("Private Host", "HOST");
        Member guest = api.signUpWithWallet("Private Guest", WALLET);
        Member stranger = api.signUp("Stranger");
        Member otherHost = api.withRoles("Other Host", "HOST");
        String spaceId = registerSpace(host);
        LocalDate date = inDays(13);
        String bookingId = booked(guest, spaceId, date, "NIGHT");

        stranger.request()
                .get("/api/bookings/" + bookingId)
                .then()
                .statusCode(404)
                .body("code", equalTo("BOOKING_NOT_FOUND"));
        stranger.request()
                .post("/api/bookings/" + bookingId + "/cancel")
                .then()
                .statusCode(404)
                .body("code", equalTo("BOOKING_NOT_FOUND"));
        stranger.request()
                .post("/api/bookings/" + bookingId + "/confirm")
                .then()
                .statusCode(404);
        client().get("/api/bookings/" + bookingId).then().statusCode(401);
        host.request()
                .get("/api/bookings/" + bookingId)
                .then()
                .statusCode(200)
                .body("guestId", equalTo(guest.accountId()));
        api.withRoles("Booking Auditor", "AUDITOR")
                .request()
                .get("/api/bookings/" + bookingId)
                .then()
                .statusCode(200);
        api.admin().request().get("/api/bookings/" + bookingId).then().statusCode(200);
        host.request()
                .post("/api/bookings/" + bookingId + "/confirm")
                .then()
                .statusCode(403)
                .body("code", equalTo("FORBIDDEN"));

        otherHost
                .request()
                .get("/api/spaces/" + spaceId + "/bookings")
                .then()
                .statusCode(404)
                .body("code", equalTo("SPACE_NOT_FOUND"));
        guest.request().get("/api/spaces/" + spaceId + "/bookings").then().statusCode(404);
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> host.request()
                        .queryParam("date", date.toString())
                        .get("/api/spaces/" + spaceId + "/bookings")
                        .then()
                        .statusCode(200)
                        .body("items.bookingId", contains(bookingId))
                        .body("total", equalTo(1)));
        host.request()
                .queryParam("date", inDays(14).toString())
                .get("/api/spaces/" + spaceId + "/bookings")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));

        host.request()
                .post("/api/bookings/" + bookingId + "/cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("CANCELED"));
        guest.request()
                .get("/api/bookings/" + bookingId)
                .then()
                .statusCode(200)
                .body("status", equalTo("CANCELED"))
                .body("canceledBy", equalTo("HOST"))
                .body("statusHistory.actorId", contains(guest.accountId(), host.accountId()));
    }

    @Test
    void myBookingsListsMineNewestFirst() {
        String spaceId = registerSpace(api.withRoles("List Host", "HOST"));
        Member guest = api.signUpWithWallet("List Guest", WALLET);
        String first = booked(guest, spaceId, inDays(20), "DAY");
        String second = booked(guest, spaceId, inDays(21), "DAY");
        booked(api.signUpWithWallet("Someone Else", WALLET), spaceId, inDays(22), "DAY");
        guest.request().post("/api/bookings/" + first + "/confirm").then().statusCode(200);

        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> guest.request()
                        .get("/api/bookings")
                        .then()
                        .statusCode(200)
                        .body("items.bookingId", contains(second, first))
                        .body("items.status", contains("PENDING", "CONFIRMED"))
                        .body("total", equalTo(2)));
        guest.request()
                .queryParam("status", "CONFIRMED")
                .get("/api/bookings")
                .then()
                .statusCode(200)
                .body("items.bookingId", contains(first));
        guest.request().queryParam("status", "LOST").get("/api/bookings").then().statusCode(400);
    }

    @Test
    void aBookingCanBeReadAsOfAnyInstant() {
        String spaceId = registerSpace(api.withRoles("History Host", "HOST"));
        Member guest = api.signUpWithWallet("History Guest", WALLET);
        Instant beforeBooking = Instant.now();
        String bookingId = booked(guest, spaceId, inDays(30), "ALL_DAY");
        Instant whilePending = Instant.now();
        guest.request().post("/api/bookings/" + bookingId + "/confirm").then().statusCode(200);
        Instant whileConfirmed = Instant.now();
        guest.request().post("/api/bookings/" + bookingId + "/cancel").then().statusCode(200);

        asOf(guest, bookingId, whilePending)
                .then()
                .statusCode(200)
                .body("status", equalTo("PENDING"))
                .body("asOf", notNullValue());
        asOf(guest, bookingId, whileConfirmed)
                .then()
                .statusCode(200)
                .body("status", equalTo("CONFIRMED"))
                .body("confirmedAt", notNullValue())
                .body("canceledAt", nullValue());
        guest.request()
                .get("/api/bookings/" + bookingId)
                .then()
                .statusCode(200)
                .body("status", equalTo("CANCELED"))
                .body("statusHistory.status", contains("PENDING", "CONFIRMED", "CANCELED"));
        asOf(guest, bookingId, beforeBooking).then().statusCode(404).body("code", equalTo("BOOKING_NOT_FOUND"));
        asOf(api.signUp("Curious"), bookingId, whilePending).then().statusCode(404);
        guest.request()
                .queryParam("asOf", "yesterday")
                .get("/api/bookings/" + bookingId)
                .then()
                .statusCode(400)
                .body("code", equalTo("MALFORMED_REQUEST"));
    }

    @Test
    void badBookingRequestsAreRefusedWithTheirCodeAndLeaveNoEvent() {
        Member host = api.withRoles("Strict Host", "HOST");
        String spaceId = registerSpace(host, space("Day only", MAPO, PARTY_ROOM, 2, 8, prices(50_000L, null, null)));
        Member guest = api.signUpWithWallet("Careless Guest", WALLET);
        LocalDate date = inDays(40);

        book(guest, spaceId, inDays(-1), "DAY", 4).then().statusCode(400).body("code", equalTo("DATE_IN_PAST"));
        book(guest, spaceId, inDays(400), "DAY", 4).then().statusCode(400).body("code", equalTo("DATE_TOO_FAR"));
        // years a booking id cannot spell in four digits were a 500
        book(guest, spaceId, LocalDate.parse("+99999-01-01"), "DAY", 4)
                .then()
                .statusCode(400)
                .body("code", equalTo("DATE_TOO_FAR"));
        book(guest, spaceId, LocalDate.parse("-0001-01-01"), "DAY", 4)
                .then()
                .statusCode(400)
                .body("code", equalTo("DATE_IN_PAST"));
        book(guest, spaceId, date, "MORNING", 4).then().statusCode(400).body("code", equalTo("UNKNOWN_OPTION"));
        book(guest, spaceId, date, "day", 4).then().statusCode(400).body("code", equalTo("UNKNOWN_OPTION"));
        book(guest, spaceId, date, " DAY", 4).then().statusCode(400).body("code", equalTo("UNKNOWN_OPTION"));
        book(guest, spaceId, date, "NIGHT", 4).then().statusCode(400).body("code", equalTo("OPTION_NOT_OFFERED"));
        book(guest, spaceId, date, "DAY", 1).then().statusCode(400).body("code", equalTo("HEADCOUNT_OUT_OF_RANGE"));
        book(guest, spaceId, date, "DAY", 9).then().statusCode(400).body("code", equalTo("HEADCOUNT_OUT_OF_RANGE"));
        book(guest, "00000000-0000-4000-8000-000000000000", date, "DAY", 4)
                .then()
                .statusCode(404)
                .body("code", equalTo("SPACE_NOT_FOUND"));
        book(guest, "../../admin", date, "DAY", 4).then().statusCode(404).body("code", equalTo("SPACE_NOT_FOUND"));
        guest.request()
                .body(Map.of("spaceId", spaceId, "date", "2030-02-30", "option", "DAY", "headcount", 4))
                .post("/api/bookings")
                .then()
                .statusCode(400)
                .body("code", equalTo("MALFORMED_REQUEST"));
        guest.request()
                .body(Map.of("spaceId", spaceId, "date", date.toString(), "option", "DAY"))
                .post("/api/bookings")
                .then()
                .statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"));
        guest.request()
                .body(Map.of("spaceId", spaceId, "date", date.toString(), "option", "DAY", "headcount", "four"))
                .post("/api/bookings")
                .then()
                .statusCode(400)
                .body("code", equalTo("MALFORMED_REQUEST"));
        client().body(Map.of("spaceId", spaceId, "date", date.toString(), "option", "DAY", "headcount", 4))
                .post("/api/bookings")
                .then()
                .statusCode(401);

        assertThat(eventStore.lastSequenceNumberFor(
                        SlotId.of(SpaceId.of(spaceId), date).value()))
                .isEmpty();

        String unknownBooking = BookingId.newId(SpaceId.of(spaceId), date).value();
        guest.request()
                .post("/api/bookings/" + unknownBooking + "/confirm")
                .then()
                .statusCode(404)
                .body("code", equalTo("BOOKING_NOT_FOUND"));
        guest.request()
                .post("/api/bookings/not-a-booking/cancel")
                .then()
                .statusCode(404)
                .body("code", equalTo("BOOKING_NOT_FOUND"));
        guest.request()
                .get("/api/bookings/" + unknownBooking)
                .then()
                .statusCode(404)
                .body("code", equalTo("BOOKING_NOT_FOUND"));

        availability(spaceId, inDays(-1), "DAY").then().statusCode(400).body("code", equalTo("DATE_IN_PAST"));
        availability(spaceId, date, "MORNING").then().statusCode(400).body("code", equalTo("UNKNOWN_OPTION"));
        availability(spaceId, date, "all_day").then().statusCode(400).body("code", equalTo("UNKNOWN_OPTION"));
        availability("00000000-0000-4000-8000-000000000000", date, "DAY")
                .then()
                .statusCode(404)
                .body("code", equalTo("SPACE_NOT_FOUND"));
        client().queryParam("option", "DAY")
                .get("/api/spaces/" + spaceId + "/availability")
                .then()
                .statusCode(400);
    }

    /**
     * Step by step through a date's bookings, availability (and with it the list's date filter) must say
     * exactly what the command side then does: available means 201, otherwise the reason is the code.
     */
    @Test
    void availabilityAndTheListDateFilterAgreeWithWhatBookingDoes() {
        Member host = api.withRoles("Agreeing Host", "HOST");
        int district = 7;
        int category = 5;
        String everything = registerSpace(host, space("Everything", district, category, 2, 8, prices(10L, 20L, 30L)));
        String dayAndNight =
                registerSpace(host, space("Day and night", district, category, 2, 8, prices(10L, 20L, null)));
        String allDayOnly =
                registerSpace(host, space("All day only", district, category, 2, 8, prices(null, null, 30L)));
        Member guest = api.signUpWithWallet("Agreeing Guest", WALLET);
        LocalDate date = inDays(50);
        List<String> all = List.of(everything, dayAndNight, allDayOnly);

        assertAgreement(guest, everything, date, "DAY", 4);
        assertAgreement(guest, everything, date, "ALL_DAY", 4);
        assertAgreement(guest, dayAndNight, date, "ALL_DAY", 4);
        assertAgreement(guest, dayAndNight, date, "NIGHT", 1);
        assertAgreement(guest, dayAndNight, date, "NIGHT", 4);
        assertListedOn(date, district, category, all, all);

        assertAgreement(guest, everything, date, "NIGHT", 4);
        assertAgreement(guest, dayAndNight, date, "NIGHT", 4);
        assertListedOn(date, district, category, all, List.of(dayAndNight, allDayOnly));

        assertAgreement(guest, dayAndNight, date, "DAY", 4);
        String allDayBooking = assertAgreement(guest, allDayOnly, date, "ALL_DAY", 4);
        assertAgreement(guest, allDayOnly, date, "ALL_DAY", 4);
        assertListedOn(date, district, category, all, List.of());
        assertListedOn(inDays(51), district, category, all, all);

        guest.request()
                .post("/api/bookings/" + allDayBooking + "/cancel")
                .then()
                .statusCode(200);
        assertAgreement(guest, allDayOnly, date, "DAY", 4);
        assertListedOn(date, district, category, all, List.of(allDayOnly));
    }

    /** Asks availability, then books: both must give the same answer. Returns the booking id when booked. */
    private String assertAgreement(Member guest, String spaceId, LocalDate date, String option, int headcount) {
        Response availability = client().queryParam("date", date.toString())
                .queryParam("option", option)
                .queryParam("headcount", headcount)
                .get("/api/spaces/" + spaceId + "/availability");
        availability.then().statusCode(200);
        boolean available = availability.path("available");
        Response booking = book(guest, spaceId, date, option, headcount);
        if (available) {
            booking.then().statusCode(201);
            return booking.path("bookingId");
        }
        booking.then()
                .statusCode(either(equalTo(400)).or(equalTo(409)))
                .body("code", equalTo(availability.path("reason")));
        return null;
    }

    /**
     * The list filtered by date shows exactly the expected spaces, and those are exactly the spaces for
     * which availability finds some option free.
     */
    private void assertListedOn(
            LocalDate date, int district, int category, List<String> spaces, List<String> expected) {
        List<String> freeByAvailability = spaces.stream()
                .filter(spaceId -> List.of("DAY", "NIGHT", "ALL_DAY").stream()
                        .anyMatch(option -> availability(spaceId, date, option)
                                .then()
                                .statusCode(200)
                                .extract()
                                .<Boolean>path("available")))
                .toList();
        assertThat(freeByAvailability).containsExactlyInAnyOrderElementsOf(expected);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            List<String> listed = client().queryParam("date", date.toString())
                    .queryParam("district", district)
                    .queryParam("category", category)
                    .queryParam("limit", 100)
                    .get("/api/spaces")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("items.spaceId");
            assertThat(listed).containsExactlyInAnyOrderElementsOf(expected);
        });
    }

    /** The list for a day reads the slots' read model: the read right after a booking already leaves the space out. */
    @Test
    void aSpaceBookedForTheWholeDayLeavesThatDaysListAtOnce() {
        Member host = api.withRoles("Full Day Host", "HOST");
        Member guest = api.signUpWithWallet("Full Day Guest", WALLET);
        String spaceId = registerSpace(host);
        for (int i = 0; i < 8; i++) {
            LocalDate date = inDays(20 + i);
            booked(guest, spaceId, date, "ALL_DAY");
            client().queryParam("district", MAPO)
                    .queryParam("category", PARTY_ROOM)
                    .queryParam("date", date.toString())
                    .queryParam("limit", 1000)
                    .get("/api/spaces")
                    .then()
                    .statusCode(200)
                    .body("items.spaceId", not(hasItem(spaceId)));
        }
    }

    /**
     * A slot's view holds the bookings that hold the slot; one that was canceled is read, now and as of any instant, from
     * its own row. The view had kept every booking the slot ever had, rewritten and reread whole with each event: a
     * guest booking and canceling one date over and over made every event and read of that slot cost all of them.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aSlotViewKeepsOnlyTheBookingsHoldingItAndEndedOnesAreReadFromTheirRows() throws Exception {
        String spaceId = registerSpace(api.withRoles("Busy Slot Host", "HOST"));
        Member guest = api.signUpWithWallet("Busy Slot Guest", WALLET);
        LocalDate date = inDays(45);
        Map<String, Instant> pendingAt = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            String bookingId = booked(guest, spaceId, date, "DAY");
            pendingAt.put(bookingId, Instant.now());
            guest.request()
                    .post("/api/bookings/" + bookingId + "/cancel")
                    .then()
                    .statusCode(200);
        }
        String live = booked(guest, spaceId, date, "NIGHT");
        Instant whileLive = Instant.now();
        String slotId = BookingId.parse(live).orElseThrow().slotId().value();

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(heldInView(slotId)).containsExactly(live));
        pendingAt.forEach((bookingId, pending) -> {
            guest.request()
                    .get("/api/bookings/" + bookingId)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("CANCELED"))
                    .body("statusHistory.status", contains("PENDING", "CANCELED"));
            asOf(guest, bookingId, pending).then().statusCode(200).body("status", equalTo("PENDING"));
            asOf(guest, bookingId, whileLive).then().statusCode(200).body("status", equalTo("CANCELED"));
        });
        guest.request()
                .queryParam("status", "CANCELED")
                .get("/api/bookings")
                .then()
                .statusCode(200)
                .body("total", equalTo(20));
        // the audit trail shows a cancellation as the booking's change of status, not as the booking gone
        String first = pendingAt.keySet().iterator().next();
        List<Map<String, Object>> trail = api.admin()
                .request()
                .queryParam("offset", 1)
                .queryParam("limit", 2)
                .get("/api/audit/aggregates/" + slotId + "/events")
                .then()
                .statusCode(200)
                .extract()
                .path("");
        assertThat(trail.get(0).get("type")).isEqualTo("BookingCanceled");
        List<Map<String, Object>> cancellation =
                (List<Map<String, Object>>) trail.get(0).get("changes");
        assertThat(cancellation)
                .extracting(change -> change.get("field"), change -> change.get("from"), change -> change.get("to"))
                .contains(tuple("[bookingId=" + first + "].status", "PENDING", "CANCELED"));
        assertThat(cancellation)
                .extracting(change -> change.get("field").toString())
                .noneMatch(field -> field.endsWith(".bookingId"));
        assertThat((List<Map<String, Object>>) trail.get(1).get("changes"))
                .extracting(change -> change.get("field").toString())
                .noneMatch(field -> field.contains(first));

        // paused, the projection has not folded what follows: the reads fold it onto the bookings' rows
        pause.pauseEverywhere(BookingReadModels.SLOTS, Duration.ofSeconds(30));
        String unfolded;
        try {
            guest.request().post("/api/bookings/" + live + "/cancel").then().statusCode(200);
            unfolded = booked(guest, spaceId, date, "ALL_DAY");
            guest.request().post("/api/bookings/" + unfolded + "/cancel").then().statusCode(200);

            guest.request().get("/api/bookings/" + live).then().statusCode(200).body("status", equalTo("CANCELED"));
            asOf(guest, live, whileLive).then().statusCode(200).body("status", equalTo("PENDING"));
            guest.request()
                    .get("/api/bookings/" + unfolded)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("CANCELED"))
                    .body("statusHistory.status", contains("PENDING", "CANCELED"));
            assertThat(heldInView(slotId)).containsExactly(live);
        } finally {
            pause.resumeEverywhere(BookingReadModels.SLOTS);
        }
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(heldInView(slotId)).isEmpty());
        guest.request().get("/api/bookings/" + unfolded).then().statusCode(200).body("status", equalTo("CANCELED"));

        // a view stored by the earlier fold, with its ended bookings, is cut down by the migration
        String kept = booked(guest, spaceId, date, "DAY");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(heldInView(slotId)).containsExactly(kept));
        jdbc.sql("""
                        UPDATE booking_slot_view SET view = jsonb_set(view, '{bookings}',
                            (SELECT jsonb_agg(view ORDER BY placed_at) FROM booking_entry WHERE slot_id = :slot))
                        WHERE aggregate_id = :slot""").param("slot", slotId).update();
        assertThat(heldInView(slotId)).hasSize(23);
        try (InputStream in =
                getClass().getResourceAsStream("/db/migration/V5_13__booking_slot_view_holding_bookings.sql")) {
            jdbc.sql(new String(in.readAllBytes(), StandardCharsets.UTF_8)).update();
        }
        assertThat(heldInView(slotId)).containsExactly(kept);
        guest.request().post("/api/bookings/" + kept + "/cancel").then().statusCode(200);
    }

    /**
     * A slot's aggregate keeps only its live bookings: its snapshot stays small however many bookings its date has had,
     * and a command naming an ended one is answered from the ended-bookings table, as it was from the slot before.
     * V5_23 writes that table for bookings that ended before it, with the same answers.
     */
    @Test
    void aSlotKeepsOnlyItsLiveBookingsAndAnswersForEndedOnesFromTheirRows() throws Exception {
        Member host = api.withRoles("Long Slot Host", "HOST");
        String spaceId = registerSpace(host);
        Member guest = api.signUpWithWallet("Long Slot Guest", WALLET);
        LocalDate date = inDays(46);
        String refunded = booked(guest, spaceId, date, "DAY");
        guest.request().post("/api/bookings/" + refunded + "/confirm").then().statusCode(200);
        Map<String, Object> refundedAnswer = guest.request()
                .post("/api/bookings/" + refunded + "/cancel")
                .then()
                .statusCode(200)
                .body("payment.status", equalTo("REFUNDED"))
                .extract()
                .path("");
        for (int i = 0; i < 55; i++) {
            String bookingId = booked(guest, spaceId, date, "NIGHT");
            host.request().post("/api/bookings/" + bookingId + "/cancel").then().statusCode(200);
        }
        String voided = booked(guest, spaceId, date, "DAY");
        Map<String, Object> voidedAnswer = guest.request()
                .post("/api/bookings/" + voided + "/cancel")
                .then()
                .statusCode(200)
                .body("payment.status", equalTo("VOIDED"))
                .extract()
                .path("");
        String live = booked(guest, spaceId, date, "ALL_DAY");
        String slotId = BookingId.parse(live).orElseThrow().slotId().value();

        assertThat(AggregateSnapshotRows.awaitPayload(jdbc, slotId, "2").getBytes(StandardCharsets.UTF_8))
                .as("the slot's snapshot after 114 events")
                .hasSizeLessThan(2_000);

        answersForEndedBookings(guest, host, refunded, refundedAnswer, voided, voidedAnswer);

        Map<String, String> written = endedStates(refunded, voided);
        jdbc.sql("DELETE FROM booking_ended_bookings WHERE booking_id IN (:ids)")
                .param("ids", List.of(refunded, voided))
                .update();
        guest.request()
                .post("/api/bookings/" + refunded + "/cancel")
                .then()
                .statusCode(404)
                .body("code", equalTo("BOOKING_NOT_FOUND"));
        MigrationFills.rerun(jdbc, "V5_23__booking_ended_bookings.sql", "INSERT INTO booking_ended_bookings");
        assertThat(endedStates(refunded, voided)).as("as V5_23 writes them").isEqualTo(written);
        answersForEndedBookings(guest, host, refunded, refundedAnswer, voided, voidedAnswer);
        guest.request().post("/api/bookings/" + live + "/cancel").then().statusCode(200);
    }

    private void answersForEndedBookings(
            Member guest,
            Member host,
            String refunded,
            Map<String, Object> refundedAnswer,
            String voided,
            Map<String, Object> voidedAnswer) {
        assertThat(host.request()
                        .post("/api/bookings/" + refunded + "/cancel")
                        .then()
                        .statusCode(200)
                        .extract()
                        .<Map<String, Object>>path(""))
                .isEqualTo(refundedAnswer);
        assertThat(guest.request()
                        .post("/api/bookings/" + voided + "/cancel")
                        .then()
                        .statusCode(200)
                        .extract()
                        .<Map<String, Object>>path(""))
                .isEqualTo(voidedAnswer);
        guest.request()
                .post("/api/bookings/" + voided + "/confirm")
                .then()
                .statusCode(409)
                .body("code", equalTo("INVALID_TRANSITION"));
        host.request()
                .post("/api/bookings/" + voided + "/confirm")
                .then()
                .statusCode(403)
                .body("code", equalTo("FORBIDDEN"));
        Member stranger = api.signUp("Long Slot Stranger");
        stranger.request()
                .post("/api/bookings/" + refunded + "/cancel")
                .then()
                .statusCode(404)
                .body("code", equalTo("BOOKING_NOT_FOUND"));
    }

    private Map<String, String> endedStates(String... bookingIds) {
        Map<String, String> states = new LinkedHashMap<>();
        jdbc.sql("SELECT booking_id, guest_id, host_id, state::text FROM booking_ended_bookings"
                        + " WHERE booking_id IN (:ids) ORDER BY booking_id")
                .param("ids", List.of(bookingIds))
                .query((row, n) -> states.put(
                        row.getString(1), row.getString(2) + " " + row.getString(3) + " " + row.getString(4)))
                .list();
        return states;
    }

    private List<String> heldInView(String slotId) {
        return jdbc.sql("""
                        SELECT b ->> 'bookingId' FROM booking_slot_view,
                            jsonb_array_elements(view -> 'bookings') WITH ORDINALITY AS held(b, placed)
                        WHERE aggregate_id = :slot ORDER BY placed""").param("slot", slotId).query(String.class).list();
    }

    private static Response asOf(Member member, String bookingId, Instant instant) {
        return member.request().queryParam("asOf", instant.toString()).get("/api/bookings/" + bookingId);
    }
}
