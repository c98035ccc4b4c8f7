package io.hindsight.booking;

import static io.hindsight.booking.BookingApi.registerSpace;
import static io.hindsight.ledger.LedgerSteps.assertLedgerHolds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.hindsight.projection.EventHistory;
import io.hindsight.projection.ReadModel;
import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class NoDoubleBookingIT extends IntegrationTest {

    static final int ROUNDS = 50;
    static final int THREADS = 50;
    /** Enough for a racer to win every round with the dearest option. */
    static final long RACER_WALLET = ROUNDS * 90_000L;

    @Autowired
    private EventStore eventStore;

    @Autowired
    private EventHistory history;

    @Autowired
    private ReadModel<SlotView> slots;

    @Test
    void fiftyRoundsOfFiftyConcurrentBookingsOfOneSlotLetExactlyOneInEachTime() throws Exception {
        Member host = api.withRoles("Race Host", "HOST");
        String spaceId = registerSpace(host);
        List<Member> guests = IntStream.range(0, 10)
                .mapToObj(i -> api.signUpWithWallet("Racer " + i, RACER_WALLET))
                .toList();
        List<LocalDate> dates = new ArrayList<>();
        List<String> winners;

        try (SlotRace race = new SlotRace(List.of(URI.create("http://127.0.0.1:" + port)), guests, THREADS)) {
            winners = race.rounds(ROUNDS, spaceId, 100, dates);
        }

        SlotRace.assertReadModelMatchesEvents(spaceId, dates, winners, eventStore, history, slots);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<String> listed = host.request()
                    .queryParam("limit", 1000)
                    .get("/api/spaces/" + spaceId + "/bookings")
                    .then()
                    .statusCode(200)
                    .body("total", equalTo(ROUNDS))
                    .extract()
                    .path("items.bookingId");
            assertThat(listed).containsExactlyInAnyOrderElementsOf(winners);
        });
        BookingApi.availability(spaceId, dates.get(0), "DAY").then().body("reason", equalTo("SLOT_TAKEN"));
        SlotRace.assertOneHoldPerWinner(guests, winners, api.admin());
        assertLedgerHolds(api.admin());
    }
}
