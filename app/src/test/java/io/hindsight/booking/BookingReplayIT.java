package io.hindsight.booking;

import static io.hindsight.booking.BookingApi.booked;
import static io.hindsight.booking.BookingApi.inDays;
import static io.hindsight.booking.BookingApi.registerSpace;
import static io.hindsight.ledger.LedgerSteps.assertLedgerHolds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.hindsight.projection.Projection;
import io.hindsight.projection.ReadModel;
import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.Projections;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The booking read models are functions of the events: replaying from the first event rebuilds them exactly. */
class BookingReplayIT extends IntegrationTest {

    @Autowired
    private EventProcessingConfiguration processing;

    @Autowired
    private ReadModel<SpaceView> spaces;

    @Autowired
    private ReadModel<SlotView> slots;

    @Test
    void replayingTheBookingProjectionsRebuildsExactlyWhatWasThere() {
        Member host = api.withRoles("Replay Host", "HOST");
        Member guest = api.signUpWithWallet("Replay Guest", BookingApi.WALLET);
        String spaceId = registerSpace(host);
        guest.request().put("/api/spaces/" + spaceId + "/like").then().statusCode(200);
        host.request().put("/api/spaces/" + spaceId + "/like").then().statusCode(200);
        guest.request().delete("/api/spaces/" + spaceId + "/like").then().statusCode(200);
        LocalDate date = inDays(70);
        String confirmed = booked(guest, spaceId, date, "DAY");
        guest.request().post("/api/bookings/" + confirmed + "/confirm").then().statusCode(200);
        String canceledByHost = booked(guest, spaceId, date, "NIGHT");
        host.request()
                .post("/api/bookings/" + canceledByHost + "/cancel")
                .then()
                .statusCode(200);
        String pending = booked(guest, spaceId, date, "NIGHT");
        String refunded = booked(guest, spaceId, inDays(71), "ALL_DAY");
        guest.request().post("/api/bookings/" + refunded + "/confirm").then().statusCode(200);
        guest.request().post("/api/bookings/" + refunded + "/cancel").then().statusCode(200);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            host.request()
                    .queryParam("date", date.toString())
                    .get("/api/spaces/" + spaceId + "/bookings")
                    .then()
                    .statusCode(200)
                    .body("items.bookingId", contains(confirmed, canceledByHost, pending))
                    .body("items.status", contains("CONFIRMED", "CANCELED", "PENDING"));
            client().get("/api/spaces?limit=1000")
                    .then()
                    .statusCode(200)
                    .body("items.find { it.spaceId == '" + spaceId + "' }.likes", equalTo(1));
        });

        Projections.awaitAllCaughtUp(api.admin());
        for (String projection : List.of("booking-spaces", "booking-slots", "ledger-transfers")) {
            Projections.assertReplayIdentical(api.admin(), projection);
        }
        assertLedgerHolds(api.admin());

        for (Projection projection : List.<Projection>of(spaces, slots)) {
            Map<String, String> before = projection.snapshot();
            assertThat(before).isNotEmpty();
            StreamingEventProcessor processor = processing
                    .eventProcessor(projection.name(), StreamingEventProcessor.class)
                    .orElseThrow();
            processor.shutDown();
            processor.resetTokens();
            processor.start();
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(projection.snapshot()).isEqualTo(before));
        }
    }
}
