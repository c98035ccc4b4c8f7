package io.hindsight.booking;

import static io.hindsight.booking.BookingApi.MAPO;
import static io.hindsight.booking.BookingApi.PARTY_ROOM;
import static io.hindsight.booking.BookingApi.WALLET;
import static io.hindsight.booking.BookingApi.book;
import static io.hindsight.booking.BookingApi.booked;
import static io.hindsight.booking.BookingApi.inDays;
import static io.hindsight.booking.BookingApi.prices;
import static io.hindsight.booking.BookingApi.registerSpace;
import static io.hindsight.booking.BookingApi.space;
import static io.hindsight.ledger.LedgerSteps.assertLedgerHolds;
import static io.hindsight.ledger.LedgerSteps.awaitWallet;
import static io.hindsight.ledger.LedgerSteps.deposit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.hindsight.support.Api;
import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.MigrationFills;
import io.restassured.response.Response;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A host does not resign while a booking of theirs is PENDING or CONFIRMED and its date has not passed (409
 * HOST_HAS_BOOKINGS): once resigned, nobody could pay its guest back, and the guest's cancellation was refused with
 * REFUND_NOT_COVERED for good.
 */
class HostResignationIT extends IntegrationTest {

    private static final long PRICE = 30_000;

    @Autowired
    private JdbcClient jdbc;

    @AfterAll
    static void theLedgerHolds() {
        assertLedgerHolds(new Api().admin());
    }

    /** The case found by hand: the host took the guest's 30,000 KRW out and resigned; the guest could never cancel. */
    @Test
    void aHostWithAConfirmedBookingToComeCannotResignUntilTheyCancelIt() {
        Member host = api.withRoles("Booked Host", "HOST");
        String spaceId = registerSpace(host, space("Kept", MAPO, PARTY_ROOM, 2, 8, prices(PRICE, null, null)));
        Member guest = api.signUpWithWallet("Booked Guest", WALLET);
        String bookingId = booked(guest, spaceId, inDays(20), "DAY");
        guest.request().post("/api/bookings/" + bookingId + "/confirm").then().statusCode(200);
        host.request()
                .body(Map.of("amount", PRICE))
                .post("/api/wallet/withdrawals")
                .then()
                .statusCode(200);

        host.request().delete("/api/me").then().statusCode(409).body("code", equalTo("HOST_HAS_BOOKINGS"));

        host.request().get("/api/me").then().statusCode(200);
        guest.request()
                .get("/api/bookings/" + bookingId)
                .then()
                .body("status", equalTo("CONFIRMED"))
                .body("payment.status", equalTo("PAID"));
        BookingApi.availability(spaceId, inDays(20), "DAY").then().body("reason", equalTo("SLOT_TAKEN"));

        // the host pays it back (the money they took out), then leaves
        deposit(host, PRICE);
        host.request()
                .post("/api/bookings/" + bookingId + "/cancel")
                .then()
                .statusCode(200)
                .body("payment.status", equalTo("REFUNDED"));
        host.request().delete("/api/me").then().statusCode(204);
        awaitWallet(guest, WALLET, 0);
    }

    /**
     * A paid booking whose guest has resigned keeps no host: it cannot be paid back (GUEST_LEFT) and nobody comes to it.
     * It held its host until its date, with nothing either could do.
     */
    @Test
    void aBookingWhoseGuestHasResignedKeepsNoHost() {
        Member host = api.withRoles("Left Behind Host", "HOST");
        String spaceId = registerSpace(host, space("Left", MAPO, PARTY_ROOM, 2, 8, prices(PRICE, null, null)));
        Member guest = api.signUpWithWallet("Leaving Guest", PRICE);
        String bookingId = booked(guest, spaceId, inDays(23), "DAY");
        guest.request().post("/api/bookings/" + bookingId + "/confirm").then().statusCode(200);
        guest.request().delete("/api/me").then().statusCode(204);

        host.request()
                .post("/api/bookings/" + bookingId + "/cancel")
                .then()
                .statusCode(409)
                .body("code", equalTo("GUEST_LEFT"));
        host.request()
                .body(Map.of("amount", PRICE))
                .post("/api/wallet/withdrawals")
                .then()
                .statusCode(200);
        host.request().delete("/api/me").then().statusCode(204);
    }

    /** A free booking, pending or confirmed, keeps its host too: its guest is still expecting the space. */
    @Test
    void aFreeBookingToComeKeepsItsHostUntilCanceled() {
        Member host = api.withRoles("Free Host", "HOST");
        String spaceId = registerSpace(host, space("Free", MAPO, PARTY_ROOM, 2, 8, prices(0L, 0L, null)));
        Member guest = api.signUp("Free Guest");
        String pending = booked(guest, spaceId, inDays(21), "DAY");
        String confirmed = booked(guest, spaceId, inDays(22), "NIGHT");
        guest.request().post("/api/bookings/" + confirmed + "/confirm").then().statusCode(200);

        host.request().delete("/api/me").then().statusCode(409).body("code", equalTo("HOST_HAS_BOOKINGS"));
        guest.request().post("/api/bookings/" + confirmed + "/cancel").then().statusCode(200);
        host.request().delete("/api/me").then().statusCode(409).body("code", equalTo("HOST_HAS_BOOKINGS"));
        host.request().post("/api/bookings/" + pending + "/cancel").then().statusCode(200);

        host.request().delete("/api/me").then().statusCode(204);
        guest.request().get("/api/bookings/" + pending).then().statusCode(200).body("status", equalTo("CANCELED"));
    }

    /**
     * What kept a host from leaving before still does not: bookings canceled, and one whose date has passed (its
     * date is moved back in the command-owned table here: no booking can be placed in the past). The live booking of
     * another host does not count either.
     */
    @Test
    void aHostWhoseBookingsAreCanceledOrPastMayResign() {
        Member host = api.withRoles("Done Host", "HOST");
        String spaceId = registerSpace(host, space("Done", MAPO, PARTY_ROOM, 2, 8, prices(PRICE, PRICE, null)));
        Member other = api.withRoles("Staying Host", "HOST");
        String otherSpace = registerSpace(other, space("Open", MAPO, PARTY_ROOM, 2, 8, prices(PRICE, null, null)));
        Member guest = api.signUpWithWallet("Done Guest", WALLET);
        String canceled = booked(guest, spaceId, inDays(23), "DAY");
        guest.request().post("/api/bookings/" + canceled + "/confirm").then().statusCode(200);
        guest.request().post("/api/bookings/" + canceled + "/cancel").then().statusCode(200);
        String passed = booked(guest, spaceId, inDays(24), "NIGHT");
        guest.request().post("/api/bookings/" + passed + "/confirm").then().statusCode(200);
        booked(guest, otherSpace, inDays(23), "DAY");
        host.request()
                .body(Map.of("amount", PRICE))
                .post("/api/wallet/withdrawals")
                .then()
                .statusCode(200);
        host.request().delete("/api/me").then().statusCode(409).body("code", equalTo("HOST_HAS_BOOKINGS"));

        assertThat(jdbc.sql("UPDATE booking_live_bookings SET booking_date = :yesterday WHERE booking_id = :id")
                        .param("yesterday", inDays(-1))
                        .param("id", passed)
                        .update())
                .isEqualTo(1);

        host.request().delete("/api/me").then().statusCode(204);
    }

    /**
     * A booking placed while its host resigns: the booking waits for the resignation and finds the space unlisted, or
     * the resignation waits for the booking and is refused. Never both through, which would leave a booking nobody
     * hosts. The options are free, so no money held toward the host's wallet (WALLET_NOT_EMPTY) decides it instead.
     */
    @Test
    void aBookingRacingItsHostsResignationLeavesEitherTheBookingOrTheResignation() throws Exception {
        List<String> outcomes = new ArrayList<>();
        for (int round = 0; round < 8; round++) {
            Member host = api.withRoles("Racing Host " + round, "HOST");
            String spaceId = registerSpace(host, space("Race", MAPO, PARTY_ROOM, 2, 8, prices(0L, null, null)));
            Member guest = api.signUp("Racing Guest " + round);
            int days = 30 + round;

            CountDownLatch start = new CountDownLatch(1);
            CompletableFuture<Response> booking =
                    CompletableFuture.supplyAsync(after(start, () -> book(guest, spaceId, inDays(days), "DAY", 4)));
            // a stagger, not a wait for a condition: the resignation starts up to 35 ms later as the rounds go on, so
            // each side wins some rounds
            long delay = 5L * round;
            CompletableFuture<Response> resignation = CompletableFuture.supplyAsync(after(start, () -> {
                sleep(delay);
                return host.request().delete("/api/me");
            }));
            start.countDown();
            Response booked = booking.get();
            Response resigned = resignation.get();

            if (resigned.statusCode() == 204) {
                booked.then().statusCode(409).body("code", equalTo("SPACE_UNLISTED"));
                outcomes.add("resigned");
            } else {
                resigned.then().statusCode(409).body("code", equalTo("HOST_HAS_BOOKINGS"));
                booked.then().statusCode(201);
                outcomes.add("booked");
            }
        }
        System.out.println("booking racing its host's resignation: " + outcomes);
    }

    /**
     * The migration's fill of {@code booking_live_bookings} from the events (what it does for bookings placed before
     * the table), read here for one host's bookings: the confirmed and pending ones with their dates, not the
     * canceled one; the same rows the slots wrote.
     */
    @Test
    void theMigrationFindsTheBookingsToComeInTheirEvents() throws Exception {
        Member host = api.withRoles("Migrated Host", "HOST");
        String spaceId = registerSpace(host, space("Old", MAPO, PARTY_ROOM, 2, 8, prices(PRICE, PRICE, null)));
        Member guest = api.signUpWithWallet("Migrated Guest", WALLET);
        String confirmed = booked(guest, spaceId, inDays(25), "DAY");
        guest.request().post("/api/bookings/" + confirmed + "/confirm").then().statusCode(200);
        String pending = booked(guest, spaceId, inDays(26), "NIGHT");
        String canceled = booked(guest, spaceId, inDays(27), "DAY");
        guest.request().post("/api/bookings/" + canceled + "/cancel").then().statusCode(200);

        String script;
        try (InputStream in = getClass().getResourceAsStream("/db/migration/V5_21__booking_live_bookings.sql")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String fill =
                script.substring(script.indexOf("SELECT placed.booking_id"), script.indexOf("ON CONFLICT DO NOTHING"));

        Map<String, LocalDate> found = liveBookings("(" + fill + ") filled", host);
        assertThat(found).isEqualTo(Map.of(confirmed, inDays(25), pending, inDays(26)));
        assertThat(liveBookings("booking_live_bookings", host))
                .as("what the slots wrote")
                .isEqualTo(found);

        // V5_22 names the guest of each live booking written before the column, from its BookingPlaced
        jdbc.sql("UPDATE booking_live_bookings SET guest_id = NULL WHERE host_id = :host")
                .param("host", host.accountId())
                .update();
        MigrationFills.rerun(jdbc, "V5_22__booking_live_bookings_guest.sql", "UPDATE booking_live_bookings");
        assertThat(jdbc.sql("SELECT DISTINCT guest_id FROM booking_live_bookings WHERE host_id = :host")
                        .param("host", host.accountId())
                        .query(String.class)
                        .list())
                .containsExactly(guest.accountId());
        guest.request().post("/api/bookings/" + pending + "/cancel").then().statusCode(200);
    }

    private Map<String, LocalDate> liveBookings(String from, Member host) {
        Map<String, LocalDate> found = new TreeMap<>();
        jdbc.sql("SELECT booking_id, booking_date FROM " + from + " WHERE host_id = :host")
                .param("host", host.accountId())
                .query((rs, n) -> found.put(rs.getString(1), rs.getObject(2, LocalDate.class)))
                .list();
        return found;
    }

    /**
     * A confirmation racing the resignation cannot let it through: a PENDING booking counts as one to come already,
     * so the resignation is refused whichever commits first, and the confirmation goes through.
     */
    @Test
    void aConfirmationRacingItsHostsResignationLeavesTheHostAMember() throws Exception {
        for (int round = 0; round < 4; round++) {
            Member host = api.withRoles("Confirmed Host " + round, "HOST");
            String spaceId = registerSpace(host, space("Paid", MAPO, PARTY_ROOM, 2, 8, prices(0L, null, null)));
            Member guest = api.signUp("Confirming Guest " + round);
            String bookingId = booked(guest, spaceId, inDays(40 + round), "DAY");

            CountDownLatch start = new CountDownLatch(1);
            CompletableFuture<Response> confirmation = CompletableFuture.supplyAsync(
                    after(start, () -> guest.request().post("/api/bookings/" + bookingId + "/confirm")));
            CompletableFuture<Response> resignation = CompletableFuture.supplyAsync(
                    after(start, () -> host.request().delete("/api/me")));
            start.countDown();

            confirmation.get().then().statusCode(200).body("status", equalTo("CONFIRMED"));
            resignation.get().then().statusCode(409).body("code", equalTo("HOST_HAS_BOOKINGS"));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static <T> Supplier<T> after(CountDownLatch start, Supplier<T> call) {
        return () -> {
            try {
                start.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return call.get();
        };
    }
}
