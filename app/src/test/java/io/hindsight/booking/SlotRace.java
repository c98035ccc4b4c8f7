package io.hindsight.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hindsight.booking.api.BookingPlaced;
import io.hindsight.booking.api.SlotId;
import io.hindsight.booking.api.SpaceId;
import io.hindsight.projection.EventHistory;
import io.hindsight.projection.ReadModel;
import io.hindsight.projection.RecordedEvent;
import io.hindsight.projection.ViewRow;
import io.hindsight.support.Api.Member;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Rounds of concurrent bookings of one slot: in each round every thread waits on one latch, then all
 * book the same space and date at once, with options that all conflict pairwise (ALL_DAY, and DAY or
 * NIGHT), across the given nodes. Exactly one may win each round.
 */
final class SlotRace implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final List<URI> nodes;
    private final List<Member> guests;
    private final int threads;
    private final ExecutorService pool;

    SlotRace(List<URI> nodes, List<Member> guests, int threads) {
        this.nodes = List.copyOf(nodes);
        this.guests = List.copyOf(guests);
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(threads);
    }

    /**
     * Runs {@code rounds} rounds on consecutive dates from {@code firstDaysAhead} days ahead; each round's
     * date goes to {@code dates}, and the winners' booking ids are returned in the same order.
     */
    List<String> rounds(int rounds, String spaceId, int firstDaysAhead, List<LocalDate> dates) throws Exception {
        List<String> winners = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            LocalDate date = BookingApi.inDays(firstDaysAhead + round);
            dates.add(date);
            winners.add(round(round, spaceId, date));
        }
        return winners;
    }

    /** Runs one round on the slot of {@code spaceId} and {@code date}; returns the winner's booking id. */
    String round(int round, String spaceId, LocalDate date) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Outcome>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            String option = i % 2 == 0 ? "ALL_DAY" : round % 2 == 0 ? "DAY" : "NIGHT";
            HttpRequest request = HttpRequest.newBuilder(
                            nodes.get(i % nodes.size()).resolve("/api/bookings"))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .header(
                            "Authorization",
                            "Bearer " + guests.get(i % guests.size()).accessToken())
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                            Map.of("spaceId", spaceId, "date", date.toString(), "option", option, "headcount", 4))))
                    .build();
            futures.add(pool.submit(() -> {
                start.await();
                return send(request);
            }));
        }
        start.countDown();
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> future : futures) {
            outcomes.add(future.get(2, TimeUnit.MINUTES));
        }
        assertThat(outcomes).as("round %d: no server errors", round).noneMatch(o -> o.status() >= 500);
        assertThat(outcomes)
                .as("round %d: exactly one booking gets in", round)
                .filteredOn(o -> o.status() == 201)
                .hasSize(1);
        assertThat(outcomes)
                .as("round %d: everyone else finds the slot taken", round)
                .filteredOn(o -> o.status() != 201)
                .hasSize(threads - 1)
                .allMatch(o -> o.status() == 409
                        && "SLOT_TAKEN".equals(o.body().path("code").asText()));
        return outcomes.stream()
                .filter(o -> o.status() == 201)
                .findFirst()
                .orElseThrow()
                .body()
                .path("bookingId")
                .asText();
    }

    private Outcome send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        return new Outcome(response.statusCode(), body);
    }

    /**
     * Once the projection has caught up with every slot, the stored slot view equals the fold of the
     * slot's events, and those events hold exactly one booking: the winner's.
     */
    static void assertReadModelMatchesEvents(
            String spaceId,
            List<LocalDate> dates,
            List<String> winners,
            EventStore eventStore,
            EventHistory history,
            ReadModel<SlotView> slots) {
        List<String> slotIds = dates.stream()
                .map(date -> SlotId.of(SpaceId.of(spaceId), date).value())
                .toList();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String slotId : slotIds) {
                long latest = eventStore.lastSequenceNumberFor(slotId).orElseThrow();
                assertThat(slots.stored(slotId)).map(ViewRow::lastSequence).contains(latest);
            }
        });
        for (int i = 0; i < slotIds.size(); i++) {
            String slotId = slotIds.get(i);
            String winner = winners.get(i);
            List<RecordedEvent> events = history.eventsOf(slotId);
            assertThat(events).as("events of %s", slotId).hasSize(1);
            assertThat(events.get(0).payload())
                    .isInstanceOfSatisfying(
                            BookingPlaced.class,
                            placed -> assertThat(placed.bookingId().value()).isEqualTo(winner));
            SlotView stored = slots.stored(slotId).orElseThrow().view();
            assertThat(stored).isEqualTo(slots.asOf(slotId, Instant.MAX).orElseThrow());
            assertThat(stored.bookings()).extracting(BookingView::bookingId).containsExactly(winner);
        }
    }

    /**
     * Every winner's price is held in its guest's wallet by exactly one hold, and no loser left one: each
     * guest's pending booking holds are exactly the holds of the bookings they won.
     */
    static void assertOneHoldPerWinner(List<Member> guests, List<String> winners, Member admin) {
        Map<String, List<String>> holdsByGuest = new HashMap<>();
        Map<String, Long> heldByGuest = new HashMap<>();
        for (String winner : winners) {
            JsonPath booking = admin.request()
                    .get("/api/bookings/" + winner)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(booking.getString("payment.status")).isEqualTo("HELD");
            String guestId = booking.getString("guestId");
            holdsByGuest.computeIfAbsent(guestId, g -> new ArrayList<>()).add(booking.getString("payment.transferId"));
            heldByGuest.merge(guestId, booking.getLong("price"), Long::sum);
        }
        for (Member guest : guests) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonPath wallet = guest.request()
                        .queryParam("limit", 1000)
                        .get("/api/wallet")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
                assertThat(wallet.getLong("held"))
                        .as("held in the wallet of %s", guest.accountId())
                        .isEqualTo(heldByGuest.getOrDefault(guest.accountId(), 0L));
                List<String> bookingHolds = wallet.getList("transactions.findAll { it.kind == 'BOOKING' }.transferId");
                assertThat(bookingHolds)
                        .as("booking holds in the wallet of %s", guest.accountId())
                        .containsExactlyInAnyOrderElementsOf(holdsByGuest.getOrDefault(guest.accountId(), List.of()));
            });
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    private record Outcome(int status, JsonNode body) {}
}
