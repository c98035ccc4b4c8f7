package io.hindsight.booking;

import static io.hindsight.booking.BookingApi.registerSpace;
import static io.hindsight.ledger.LedgerSteps.assertLedgerHolds;

import io.hindsight.projection.EventHistory;
import io.hindsight.projection.ReadModel;
import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.SecondNode;
import io.hindsight.support.StandaloneApp;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/** The no-double-booking rule with two application nodes sharing one database and one Redis. */
class TwoNodeBookingIT extends IntegrationTest {

    @Autowired
    private Environment environment;

    @Autowired
    private EventStore eventStore;

    @Autowired
    private EventHistory history;

    @Autowired
    private ReadModel<SlotView> slots;

    @Test
    void fiftyRoundsOfFiftyBookingsSpreadOverTwoNodesLetExactlyOneInEachTime() throws Exception {
        Member host = api.withRoles("Two Node Host", "HOST");
        String spaceId = registerSpace(host);
        List<Member> guests = IntStream.range(0, 10)
                .mapToObj(i -> api.signUpWithWallet("Node Racer " + i, NoDoubleBookingIT.RACER_WALLET))
                .toList();
        List<LocalDate> dates = new ArrayList<>();

        try (StandaloneApp secondNode = SecondNode.start(environment);
                SlotRace race = new SlotRace(
                        List.of(
                                URI.create("http://127.0.0.1:" + port),
                                URI.create("http://127.0.0.1:" + secondNode.port())),
                        guests,
                        NoDoubleBookingIT.THREADS)) {
            List<String> winners = race.rounds(NoDoubleBookingIT.ROUNDS, spaceId, 200, dates);
            SlotRace.assertReadModelMatchesEvents(spaceId, dates, winners, eventStore, history, slots);
            SlotRace.assertOneHoldPerWinner(guests, winners, api.admin());
        }
        assertLedgerHolds(api.admin());
    }
}
