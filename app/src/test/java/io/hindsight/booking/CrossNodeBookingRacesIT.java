package io.hindsight.booking;

import static io.hindsight.booking.BookingApi.WALLET;
import static io.hindsight.booking.BookingApi.book;
import static io.hindsight.booking.BookingApi.inDays;
import static io.hindsight.booking.BookingApi.registerSpace;
import static io.hindsight.ledger.LedgerSteps.assertLedgerHolds;
import static io.hindsight.ledger.LedgerSteps.awaitWallet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.equalTo;

import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.SharedSecondNode;
import io.restassured.response.Response;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One booking confirmed, cancelled, or both, on two nodes at once. Each node decides on the slot it loaded and
 * settles the booking's hold inside the slot's transaction; the one that commits second is retried on the winner's
 * state and answers as a second request on one node would. Whatever the order, the hold is settled once, a refund is
 * paid once, and the slot is free exactly when the booking ends cancelled.
 */
class CrossNodeBookingRacesIT extends IntegrationTest {

    private static final int ROUNDS = 8;
    private static final long DAY_PRICE = 50_000;

    @RegisterExtension
    static final SharedSecondNode secondNode = new SharedSecondNode("hindsight.roles=command");

    @Autowired
    private JdbcClient jdbc;

    /**
     * Cancelled first, the hold is voided and the payment refused (409 INVALID_TRANSITION); paid first, the hold is
     * posted and the cancellation pays it back from the host's wallet. Either way the booking ends CANCELED.
     */
    @Test
    void aBookingConfirmedOnOneNodeWhileCancelledOnTheOtherIsDecidedOnce() throws Exception {
        Member host = api.withRoles("Confirm Or Cancel Host", "HOST");
        String spaceId = registerSpace(host);
        Member guest = api.signUpWithWallet("Confirm Or Cancel Guest", WALLET);
        Member next = api.signUpWithWallet("Next Guest", WALLET);
        for (int round = 0; round < ROUNDS; round++) {
            LocalDate date = inDays(20 + round);
            Booking booking = placed(guest, spaceId, date);
            // the guest or the host cancels, on either node
            Member canceller = round % 4 < 2 ? guest : host;
            boolean confirmHere = round % 2 == 0;
            List<Response> answers = secondNode.onBothNodesAtOnce(
                    node -> node.apply((confirmHere ? guest : canceller).request())
                            .post(booking.path(confirmHere ? "/confirm" : "/cancel")),
                    node -> node.apply((confirmHere ? canceller : guest).request())
                            .post(booking.path(confirmHere ? "/cancel" : "/confirm")));
            Response confirmed = answers.get(confirmHere ? 0 : 1);
            Response cancelled = answers.get(confirmHere ? 1 : 0);

            assertThat(cancelled.statusCode()).isEqualTo(200);
            assertThat(cancelled.<String>path("status")).isEqualTo("CANCELED");
            assertThat(slotEvents(booking, "BookingCanceled")).isEqualTo(1);
            if (confirmed.statusCode() == 200) {
                assertThat(confirmed.<String>path("status")).isEqualTo("CONFIRMED");
                assertThat(slotEvents(booking, "BookingConfirmed")).isEqualTo(1);
                assertThat(cancelled.<String>path("payment.status")).isEqualTo("REFUNDED");
                assertThat(transferEvents(booking.transferId())).containsExactly("FundsHeld", "HoldPosted");
                assertThat(transferEvents(booking.refundTransferId())).containsExactly("FundsTransferred");
            } else {
                assertThat(confirmed.statusCode()).isEqualTo(409);
                assertThat(confirmed.<String>path("code")).isEqualTo("INVALID_TRANSITION");
                assertThat(slotEvents(booking, "BookingConfirmed")).isZero();
                assertThat(cancelled.<String>path("payment.status")).isEqualTo("VOIDED");
                assertThat(transferEvents(booking.transferId())).containsExactly("FundsHeld", "HoldVoided");
                assertThat(transferEvents(booking.refundTransferId())).isEmpty();
            }
            // the slot is free again: the next guest books it
            book(next, spaceId, date, "DAY", 4).then().statusCode(201);
        }
        awaitWallet(guest, WALLET, 0);
        awaitWallet(host, 0, 0);
        awaitWallet(next, WALLET - ROUNDS * DAY_PRICE, ROUNDS * DAY_PRICE);
        assertLedgerHolds(api.admin());
    }

    /** Paying twice at once is paying once: both answers show the booking CONFIRMED, and the slot stays taken. */
    @Test
    void aBookingConfirmedOnTwoNodesAtOnceIsPaidOnce() throws Exception {
        Member host = api.withRoles("Twice Paid Host", "HOST");
        String spaceId = registerSpace(host);
        Member guest = api.signUpWithWallet("Twice Paying Guest", WALLET);
        Member next = api.signUpWithWallet("Too Late Guest", WALLET);
        for (int round = 0; round < ROUNDS; round++) {
            LocalDate date = inDays(20 + round);
            Booking booking = placed(guest, spaceId, date);

            List<Response> answers = secondNode.onBothNodesAtOnce(
                    node -> node.apply(guest.request()).post(booking.path("/confirm")));

            assertThat(answers).extracting(Response::statusCode).containsExactly(200, 200);
            assertThat(answers)
                    .extracting(a -> a.<String>path("status"), a -> a.<String>path("payment.status"))
                    .containsOnly(tuple("CONFIRMED", "PAID"));
            assertThat(slotEvents(booking, "BookingConfirmed")).isEqualTo(1);
            assertThat(transferEvents(booking.transferId())).containsExactly("FundsHeld", "HoldPosted");
            book(next, spaceId, date, "DAY", 4).then().statusCode(409).body("code", equalTo("SLOT_TAKEN"));
        }
        awaitWallet(guest, WALLET - ROUNDS * DAY_PRICE, 0);
        awaitWallet(host, ROUNDS * DAY_PRICE, 0);
        awaitWallet(next, WALLET, 0);
        assertLedgerHolds(api.admin());
    }

    /**
     * The guest and the host cancel at once, on different nodes: one cancellation, the hold voided once or - for a
     * paid booking - the price paid back once. Paid back by a host whose wallet holds just that price, the second
     * refund finds the money gone; by a host with money of their own, it would have it, and only the transfer's id
     * stops it. Both answers are the cancelled booking, and the slot is free.
     */
    @Test
    void aBookingCancelledOnTwoNodesAtOnceIsCancelledAndRefundedOnce() throws Exception {
        Member richHost = api.withWallet(api.withRoles("Well Off Host", "HOST"), WALLET);
        Member bareHost = api.withRoles("Bare Wallet Host", "HOST");
        List<Member> hosts = List.of(richHost, bareHost);
        List<String> spaces = hosts.stream().map(BookingApi::registerSpace).toList();
        Member guest = api.signUpWithWallet("Twice Cancelling Guest", WALLET);
        Member next = api.signUpWithWallet("Rebooking Guest", WALLET);
        for (int round = 0; round < ROUNDS; round++) {
            int which = round / 2 % 2;
            Member host = hosts.get(which);
            String spaceId = spaces.get(which);
            LocalDate date = inDays(20 + round);
            Booking booking = placed(guest, spaceId, date);
            boolean paid = round % 2 == 1;
            if (paid) {
                guest.request().post(booking.path("/confirm")).then().statusCode(200);
            }

            List<Response> answers = secondNode.onBothNodesAtOnce(
                    node -> node.apply(guest.request()).post(booking.path("/cancel")),
                    node -> node.apply(host.request()).post(booking.path("/cancel")));

            assertThat(answers).extracting(Response::statusCode).containsExactly(200, 200);
            assertThat(answers)
                    .extracting(a -> a.<String>path("status"), a -> a.<String>path("payment.status"))
                    .containsOnly(tuple("CANCELED", paid ? "REFUNDED" : "VOIDED"));
            assertThat(slotEvents(booking, "BookingCanceled")).isEqualTo(1);
            assertThat(transferEvents(booking.transferId()))
                    .containsExactly("FundsHeld", paid ? "HoldPosted" : "HoldVoided");
            assertThat(transferEvents(booking.refundTransferId()))
                    .isEqualTo(paid ? List.of("FundsTransferred") : List.of());
            book(next, spaceId, date, "DAY", 4).then().statusCode(201);
        }
        awaitWallet(guest, WALLET, 0);
        awaitWallet(richHost, WALLET, 0);
        awaitWallet(bareHost, 0, 0);
        awaitWallet(next, WALLET - ROUNDS * DAY_PRICE, ROUNDS * DAY_PRICE);
        assertLedgerHolds(api.admin());
    }

    private static Booking placed(Member guest, String spaceId, LocalDate date) {
        Response placed = book(guest, spaceId, date, "DAY", 4);
        placed.then().statusCode(201);
        assertThat(placed.<Integer>path("price")).isEqualTo((int) DAY_PRICE);
        return new Booking(placed.path("bookingId"), "slot-" + spaceId + "-" + date, placed.path("payment.transferId"));
    }

    private long slotEvents(Booking booking, String type) {
        return jdbc.sql("""
                        SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = :slot
                        AND payload_type LIKE :type AND position(convert_to(:booking, 'UTF8') IN payload) > 0""")
                .param("slot", booking.slotId())
                .param("type", "%." + type)
                .param("booking", booking.bookingId())
                .query(Long.class)
                .single();
    }

    /** The transfer's events in order, by simple name. */
    private List<String> transferEvents(String transferId) {
        return jdbc.sql("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = :id"
                        + " ORDER BY sequence_number")
                .param("id", transferId)
                .query((rs, n) -> rs.getString("payload_type")
                        .substring(rs.getString("payload_type").lastIndexOf('.') + 1))
                .list();
    }

    private record Booking(String bookingId, String slotId, String transferId) {

        String path(String action) {
            return "/api/bookings/" + bookingId + action;
        }

        String refundTransferId() {
            return "tr-booking-refund-" + bookingId;
        }
    }
}
