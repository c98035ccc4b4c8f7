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
import static io.hindsight.ledger.LedgerSteps.awaitWallet;
import static io.hindsight.ledger.LedgerSteps.deposit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.hindsight.account.api.AccountId;
import io.hindsight.booking.api.BookingId;
import io.hindsight.booking.api.SlotId;
import io.hindsight.booking.api.SpaceId;
import io.hindsight.ledger.api.LedgerAccountId;
import io.hindsight.projection.EventHistory;
import io.hindsight.projection.ReadModel;
import io.hindsight.support.Api;
import io.hindsight.support.Api.Member;
import io.hindsight.support.HeldTransaction;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.StoredEvents;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Bookings are paid from the guest's wallet through the ledger: the price is held at booking, posted to the
 * host's wallet at confirmation, voided at cancellation or expiry, and paid back when a paid booking is canceled.
 */
class BookingPaymentsIT extends IntegrationTest {

    private static final long DAY_PRICE = 50_000;
    private static final long NIGHT_PRICE = 60_000;

    @Autowired
    private EventStore eventStore;

    @Autowired
    private EventHistory history;

    @Autowired
    private ReadModel<SlotView> slots;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private PlatformTransactionManager transactions;

    @AfterAll
    static void theLedgerHolds() {
        assertLedgerHolds(new Api().admin());
    }

    @Test
    void cannotBookWithoutAWalletAndTheSlotStaysFree() {
        String spaceId = registerSpace(api.withRoles("Walletless Host", "HOST"));
        Member guest = api.signUp("Walletless Guest");
        LocalDate date = inDays(80);

        book(guest, spaceId, date, "DAY", 4).then().statusCode(409).body("code", equalTo("WALLET_REQUIRED"));

        assertNothingBookedOn(spaceId, date);
        guest.request().get("/api/wallet").then().statusCode(404);
    }

    @Test
    void cannotBookForMoreThanTheWalletHasAvailable() {
        String spaceId = registerSpace(api.withRoles("Pricey Host", "HOST"));
        Member guest = api.signUpWithWallet("Short Guest", DAY_PRICE - 1);
        LocalDate date = inDays(81);
        LocalDate later = inDays(82);

        book(guest, spaceId, date, "DAY", 4).then().statusCode(409).body("code", equalTo("INSUFFICIENT_FUNDS"));
        assertNothingBookedOn(spaceId, date);
        awaitWallet(guest, DAY_PRICE - 1, 0);

        deposit(guest, 70_001);
        booked(guest, spaceId, date, "DAY");
        book(guest, spaceId, later, "ALL_DAY", 4).then().statusCode(409).body("code", equalTo("INSUFFICIENT_FUNDS"));
        assertNothingBookedOn(spaceId, later);
        awaitWallet(guest, 120_000 - DAY_PRICE, DAY_PRICE);
    }

    @Test
    void canBookWithThePriceHeldInTheGuestsWallet() {
        Member host = api.withRoles("Holding Host", "HOST");
        String spaceId = registerSpace(host);
        Member guest = api.signUpWithWallet("Holding Guest", WALLET);

        Response placed = book(guest, spaceId, inDays(83), "NIGHT", 4);
        placed.then()
                .statusCode(201)
                .body("status", equalTo("PENDING"))
                .body("payment.transferId", notNullValue())
                .body("payment.amount", equalTo((int) NIGHT_PRICE))
                .body("payment.currency", equalTo("KRW"))
                .body("payment.status", equalTo("HELD"));
        String bookingId = placed.path("bookingId");
        String transferId = placed.path("payment.transferId");

        JsonPath wallet = awaitWallet(guest, WALLET - NIGHT_PRICE, NIGHT_PRICE);
        Map<String, Object> hold = transaction(wallet, transferId);
        assertThat(hold)
                .containsEntry("kind", "BOOKING")
                .containsEntry("amount", (int) -NIGHT_PRICE)
                .containsEntry("status", "PENDING")
                .containsEntry("bookingId", bookingId)
                .containsEntry("spaceId", spaceId)
                .containsEntry("counterparty", walletOf(host));
        guest.request()
                .get("/api/bookings/" + bookingId)
                .then()
                .statusCode(200)
                .body("payment.transferId", equalTo(transferId))
                .body("payment.status", equalTo("HELD"));
    }

    @Test
    void confirmingPostsTheHoldToTheHostsWallet() {
        Member host = api.withRoles("Paid Host", "HOST");
        String spaceId = registerSpace(host);
        Member guest = api.signUpWithWallet("Paying Guest", WALLET);
        Response placed = book(guest, spaceId, inDays(84), "DAY", 4);
        String bookingId = placed.path("bookingId");
        String transferId = placed.path("payment.transferId");

        guest.request()
                .post("/api/bookings/" + bookingId + "/confirm")
                .then()
                .statusCode(200)
                .body("status", equalTo("CONFIRMED"))
                .body("payment.transferId", equalTo(transferId))
                .body("payment.amount", equalTo((int) DAY_PRICE))
                .body("payment.status", equalTo("PAID"));

        assertThat(transaction(awaitWallet(guest, WALLET - DAY_PRICE, 0), transferId))
                .containsEntry("status", "POSTED");
        assertThat(transaction(awaitWallet(host, DAY_PRICE, 0), transferId))
                .containsEntry("kind", "BOOKING")
                .containsEntry("amount", (int) DAY_PRICE)
                .containsEntry("status", "POSTED")
                .containsEntry("bookingId", bookingId);
        guest.request()
                .get("/api/bookings/" + bookingId)
                .then()
                .body("payment.status", equalTo("PAID"))
                .body("confirmedAt", notNullValue());
    }

    @Test
    void cancelingAPendingBookingVoidsItsHoldWhoeverCancels() {
        Member host = api.withRoles("Voiding Host", "HOST");
        String spaceId = registerSpace(host);
        Member guest = api.signUpWithWallet("Voiding Guest", WALLET);
        LocalDate date = inDays(85);
        String byGuest = booked(guest, spaceId, date, "DAY");
        String byHost = booked(guest, spaceId, date, "NIGHT");
        awaitWallet(guest, WALLET - DAY_PRICE - NIGHT_PRICE, DAY_PRICE + NIGHT_PRICE);

        guest.request()
                .post("/api/bookings/" + byGuest + "/cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("CANCELED"))
                .body("payment.status", equalTo("VOIDED"));
        host.request()
                .post("/api/bookings/" + byHost + "/cancel")
                .then()
                .statusCode(200)
                .body("payment.status", equalTo("VOIDED"));

        JsonPath wallet = awaitWallet(guest, WALLET, 0);
        assertThat(wallet.getList("transactions.findAll { it.kind == 'BOOKING' }.status"))
                .containsExactly("VOIDED", "VOIDED");
        awaitWallet(host, 0, 0);
        availability(spaceId, date, "ALL_DAY").then().body("available", equalTo(true));
    }

    @Test
    void cancelingAPaidBookingPaysThePriceBackFromTheHostsWallet() {
        Member host = api.withRoles("Refunding Host", "HOST");
        String spaceId = registerSpace(host);
        Member guest = api.signUpWithWallet("Refunded Guest", WALLET);
        LocalDate date = inDays(86);
        String byGuest = booked(guest, spaceId, date, "DAY");
        String byHost = booked(guest, spaceId, date, "NIGHT");
        guest.request().post("/api/bookings/" + byGuest + "/confirm").then().statusCode(200);
        guest.request().post("/api/bookings/" + byHost + "/confirm").then().statusCode(200);
        awaitWallet(host, DAY_PRICE + NIGHT_PRICE, 0);

        guest.request()
                .post("/api/bookings/" + byGuest + "/cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("CANCELED"))
                .body("payment.status", equalTo("REFUNDED"))
                .body("payment.refundTransferId", notNullValue());
        host.request()
                .post("/api/bookings/" + byHost + "/cancel")
                .then()
                .statusCode(200)
                .body("payment.status", equalTo("REFUNDED"));

        JsonPath wallet = awaitWallet(guest, WALLET, 0);
        assertThat(wallet.getList("transactions.findAll { it.kind == 'BOOKING_REFUND' }.amount", Integer.class))
                .containsExactlyInAnyOrder((int) DAY_PRICE, (int) NIGHT_PRICE);
        awaitWallet(host, 0, 0);
        availability(spaceId, date, "ALL_DAY").then().body("available", equalTo(true));
        guest.request()
                .get("/api/bookings/" + byGuest)
                .then()
                .body("payment.status", equalTo("REFUNDED"))
                .body("statusHistory.status", org.hamcrest.Matchers.contains("PENDING", "CONFIRMED", "CANCELED"));
    }

    @Test
    void cannotCancelAPaidBookingWhileTheHostsWalletCannotPayItBack() {
        Member host = api.withRoles("Spending Host", "HOST");
        String spaceId = registerSpace(host);
        Member guest = api.signUpWithWallet("Stuck Guest", WALLET);
        LocalDate date = inDays(87);
        String bookingId = booked(guest, spaceId, date, "DAY");
        guest.request().post("/api/bookings/" + bookingId + "/confirm").then().statusCode(200);
        host.request()
                .body(Map.of("amount", 30_000))
                .post("/api/wallet/withdrawals")
                .then()
                .statusCode(200);

        for (Member canceling : List.of(guest, host)) {
            canceling
                    .request()
                    .post("/api/bookings/" + bookingId + "/cancel")
                    .then()
                    .statusCode(409)
                    .body("code", equalTo("REFUND_NOT_COVERED"));
        }
        guest.request()
                .get("/api/bookings/" + bookingId)
                .then()
                .body("status", equalTo("CONFIRMED"))
                .body("payment.status", equalTo("PAID"));
        availability(spaceId, date, "DAY").then().body("reason", equalTo("SLOT_TAKEN"));
        awaitWallet(guest, WALLET - DAY_PRICE, 0);
        awaitWallet(host, DAY_PRICE - 30_000, 0);

        deposit(host, 30_000);
        guest.request()
                .post("/api/bookings/" + bookingId + "/cancel")
                .then()
                .statusCode(200)
                .body("payment.status", equalTo("REFUNDED"));
        awaitWallet(guest, WALLET, 0);
    }

    /**
     * A resigned account's wallet can never be withdrawn from (resigning needs an empty one), so paying a booking back
     * into it left the money with nobody; the MoneyOracleIT walk found 5,000 KRW there after a host's cancellation.
     */
    @Test
    void cannotCancelAPaidBookingWhoseGuestHasLeft() {
        Member host = api.withRoles("Host Of A Leaver", "HOST");
        String spaceId = registerSpace(host);
        Member guest = api.signUpWithWallet("Leaving Guest", DAY_PRICE);
        LocalDate date = inDays(86);
        String bookingId = booked(guest, spaceId, date, "DAY");
        guest.request().post("/api/bookings/" + bookingId + "/confirm").then().statusCode(200);
        guest.request().delete("/api/me").then().statusCode(204);

        host.request()
                .post("/api/bookings/" + bookingId + "/cancel")
                .then()
                .statusCode(409)
                .body("code", equalTo("GUEST_LEFT"));

        host.request()
                .get("/api/bookings/" + bookingId)
                .then()
                .body("status", equalTo("CONFIRMED"))
                .body("payment.status", equalTo("PAID"));
        awaitWallet(host, DAY_PRICE, 0);
        assertThat(jdbc.sql("SELECT credits_posted - debits_posted FROM ledger_account WHERE account_id = :id")
                        .param("id", "wallet-" + guest.accountId())
                        .query(Long.class)
                        .single())
                .as("the resigned guest's wallet")
                .isZero();
    }

    /**
     * The host's cancellation of a paid booking racing its guest's resignation (held here where it starts, the guest's
     * credentials row updated and not yet committed) waits for it and is refused: read without a lock, the guest was
     * still there, and the refund went into a wallet its resigned owner can never withdraw from.
     */
    @Test
    void aCancellationRacingItsGuestsResignationWaitsForItAndRefundsNothing() throws Exception {
        Member host = api.withRoles("Host Of A Racing Leaver", "HOST");
        String spaceId = registerSpace(host);
        Member guest = api.signUpWithWallet("Racing Leaving Guest", DAY_PRICE);
        LocalDate date = inDays(89);
        String bookingId = booked(guest, spaceId, date, "DAY");
        guest.request().post("/api/bookings/" + bookingId + "/confirm").then().statusCode(200);

        Response cancel = HeldTransaction.duringResignationOf(
                transactions,
                jdbc,
                guest.accountId(),
                () -> host.request().post("/api/bookings/" + bookingId + "/cancel"));

        assertThat(cancel.statusCode()).as(cancel.asString()).isEqualTo(409);
        assertThat(cancel.<String>path("code")).isEqualTo("GUEST_LEFT");
        assertThat(jdbc.sql("SELECT credits_posted - debits_posted FROM ledger_account WHERE account_id = :id")
                        .param("id", "wallet-" + guest.accountId())
                        .query(Long.class)
                        .single())
                .as("the resigned guest's wallet")
                .isZero();
        awaitWallet(host, DAY_PRICE, 0);
    }

    @Test
    void cannotBookOwnSpace() {
        Member host = api.withRoles("Self Booking Host", "HOST");
        api.withWallet(host, WALLET);
        String spaceId = registerSpace(host);
        LocalDate date = inDays(88);

        book(host, spaceId, date, "DAY", 4).then().statusCode(409).body("code", equalTo("OWN_SPACE"));

        assertNothingBookedOn(spaceId, date);
    }

    @Test
    void canBookAndConfirmAFreeOptionWithoutAWallet() {
        String spaceId = registerSpace(
                api.withRoles("Generous Host", "HOST"),
                space("Free room", MAPO, PARTY_ROOM, 2, 8, prices(0L, NIGHT_PRICE, null)));
        Member guest = api.signUp("Thrifty Guest");

        Response placed = book(guest, spaceId, inDays(89), "DAY", 4);
        placed.then().statusCode(201).body("price", equalTo(0)).body("payment", nullValue());
        guest.request()
                .post("/api/bookings/" + placed.path("bookingId") + "/confirm")
                .then()
                .statusCode(200)
                .body("status", equalTo("CONFIRMED"))
                .body("payment", nullValue());
        book(guest, spaceId, inDays(89), "NIGHT", 4).then().statusCode(409).body("code", equalTo("WALLET_REQUIRED"));
    }

    @Test
    void twoGuestsRacingForOneSlotWithMoneyForBothLeaveOneBookingAndOneHold() throws Exception {
        String spaceId = registerSpace(api.withRoles("Contested Host", "HOST"));
        List<Member> guests =
                List.of(api.signUpWithWallet("First Racer", WALLET), api.signUpWithWallet("Second Racer", WALLET));
        List<LocalDate> dates = new ArrayList<>();
        List<String> winners;

        try (SlotRace race = new SlotRace(List.of(URI.create("http://127.0.0.1:" + port)), guests, 8)) {
            winners = race.rounds(10, spaceId, 90, dates);
        }

        SlotRace.assertReadModelMatchesEvents(spaceId, dates, winners, eventStore, history, slots);
        SlotRace.assertOneHoldPerWinner(guests, winners, api.admin());
    }

    /** Revision 1 of the events: no transfer ids, and a client's free-form payment reference on confirmation. */
    @Test
    void aBookingPaidBeforeBookingsWentThroughTheLedgerIsReadAndCanceledWithoutMovingMoney() {
        Member host = api.withRoles("Legacy Host", "HOST");
        String spaceId = registerSpace(host);
        Member guest = api.signUp("Legacy Guest");
        LocalDate date = inDays(91);
        BookingId bookingId = BookingId.newId(SpaceId.of(spaceId), date);
        String slotId = bookingId.slotId().value();
        String placed = """
                {"slotId":"%s","bookingId":"%s","spaceId":"%s","date":"%s","option":"DAY","headcount":4,\
                "guestId":"%s","hostId":"%s","price":50000,"currency":"KRW","holdExpiresAt":"%s"}""";
        legacyEvent(
                slotId,
                0,
                "BookingPlaced",
                guest,
                placed.formatted(
                        slotId,
                        bookingId,
                        spaceId,
                        date,
                        guest.accountId(),
                        host.accountId(),
                        Instant.now().plusSeconds(900).truncatedTo(ChronoUnit.MILLIS)));
        String confirmed = """
                {"slotId":"%s","bookingId":"%s","amount":50000,"paymentReference":"pg-legacy"}""";
        legacyEvent(slotId, 1, "BookingConfirmed", guest, confirmed.formatted(slotId, bookingId));

        guest.request()
                .get("/api/bookings/" + bookingId)
                .then()
                .statusCode(200)
                .body("status", equalTo("CONFIRMED"))
                .body("payment", nullValue());
        guest.request()
                .post("/api/bookings/" + bookingId + "/cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("CANCELED"))
                .body("payment", nullValue());
        availability(spaceId, date, "DAY").then().body("available", equalTo(true));
    }

    private void legacyEvent(String slotId, long sequence, String type, Member actor, String payload) {
        new StoredEvents(jdbc)
                .appendAsWritten(
                        slotId, sequence, "Slot", "io.hindsight.booking.api." + type, "1", actor.accountId(), payload);
    }

    private void assertNothingBookedOn(String spaceId, LocalDate date) {
        assertThat(eventStore.lastSequenceNumberFor(
                        SlotId.of(SpaceId.of(spaceId), date).value()))
                .as("events of the slot")
                .isEmpty();
        for (String option : List.of("DAY", "NIGHT", "ALL_DAY")) {
            availability(spaceId, date, option).then().statusCode(200).body("available", equalTo(true));
        }
    }

    private static Map<String, Object> transaction(JsonPath wallet, String transferId) {
        return wallet.getMap("transactions.find { it.transferId == '" + transferId + "' }");
    }

    private static String walletOf(Member member) {
        return LedgerAccountId.wallet(AccountId.of(member.accountId())).value();
    }
}
