package io.hindsight.booking;

import static io.hindsight.booking.BookingApi.availability;
import static io.hindsight.booking.BookingApi.booked;
import static io.hindsight.booking.BookingApi.inDays;
import static io.hindsight.booking.BookingApi.registerSpace;
import static io.hindsight.ledger.LedgerSteps.assertLedgerHolds;
import static io.hindsight.ledger.LedgerSteps.awaitWallet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.hindsight.booking.api.BookingExpired;
import io.hindsight.booking.api.BookingId;
import io.hindsight.booking.api.BookingPlaced;
import io.hindsight.common.MetadataKeys;
import io.hindsight.projection.EventHistory;
import io.hindsight.projection.RecordedEvent;
import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.SecondNode;
import io.hindsight.support.StandaloneApp;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/**
 * An unpaid hold expires through a deadline kept in the database: a node with a short hold takes the
 * booking and stops before the hold ends, and the other node expires it when it is due.
 */
class HoldExpiryIT extends IntegrationTest {

    private static final Duration SHORT_HOLD = Duration.ofSeconds(5);

    @Autowired
    private Environment environment;

    @Autowired
    private EventHistory history;

    @Test
    void anUnpaidHoldExpiresOnTimeEvenAfterTheNodeThatTookItHasStopped() {
        Member host = api.withRoles("Expiry Host", "HOST");
        Member guest = api.signUpWithWallet("Expiry Guest", BookingApi.WALLET);
        String spaceId = registerSpace(host);
        LocalDate date = inDays(300);

        String bookingId;
        Instant holdExpiresAt;
        Instant secondNodeStopping;
        try (StandaloneApp secondNode =
                SecondNode.start(environment, "hindsight.booking.hold-duration=" + SHORT_HOLD)) {
            Response placed = guest.request()
                    .port(secondNode.port())
                    .body(Map.of("spaceId", spaceId, "date", date.toString(), "option", "ALL_DAY", "headcount", 4))
                    .post("/api/bookings");
            placed.then().statusCode(201).body("status", equalTo("PENDING")).body("payment.status", equalTo("HELD"));
            bookingId = placed.path("bookingId");
            holdExpiresAt = Instant.parse(placed.path("holdExpiresAt"));
            secondNodeStopping = Instant.now();
        }
        assertThat(secondNodeStopping)
                .as("the second node stops before the hold ends")
                .isBefore(holdExpiresAt);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> guest.request()
                        .get("/api/bookings/" + bookingId)
                        .then()
                        .statusCode(200)
                        .body("status", equalTo("EXPIRED"))
                        .body("expiredAt", notNullValue())
                        .body("statusHistory[1].actorId", equalTo(MetadataKeys.SYSTEM_ACTOR)));
        guest.request().get("/api/bookings/" + bookingId).then().body("payment.status", equalTo("VOIDED"));
        JsonPath wallet = awaitWallet(guest, BookingApi.WALLET, 0);
        assertThat(wallet.getString("transactions.find { it.bookingId == '" + bookingId + "' }.status"))
                .isEqualTo("VOIDED");
        guest.request()
                .post("/api/bookings/" + bookingId + "/confirm")
                .then()
                .statusCode(409)
                .body("code", equalTo("INVALID_TRANSITION"));
        availability(spaceId, date, "ALL_DAY").then().statusCode(200).body("available", equalTo(true));
        booked(api.signUpWithWallet("Patient Guest", BookingApi.WALLET), spaceId, date, "ALL_DAY");

        List<RecordedEvent> events =
                history.eventsOf(BookingId.of(bookingId).slotId().value());
        RecordedEvent placedEvent = events.get(0);
        RecordedEvent expiredEvent = events.get(1);
        assertThat(placedEvent.payload()).isInstanceOf(BookingPlaced.class);
        assertThat(expiredEvent.payload()).isInstanceOf(BookingExpired.class);
        assertThat(expiredEvent.timestamp()).isAfterOrEqualTo(holdExpiresAt);
        assertThat(expiredEvent.actorId()).isEqualTo(MetadataKeys.SYSTEM_ACTOR);
        assertThat(expiredEvent.correlationId()).isEqualTo(placedEvent.correlationId());
        assertLedgerHolds(api.admin());
    }
}
