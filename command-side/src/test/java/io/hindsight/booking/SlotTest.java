package io.hindsight.booking;

import static io.hindsight.command.BusinessErrors.withCode;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.hindsight.account.api.AccountId;
import io.hindsight.booking.api.BookingCanceled;
import io.hindsight.booking.api.BookingConfirmed;
import io.hindsight.booking.api.BookingError;
import io.hindsight.booking.api.BookingExpired;
import io.hindsight.booking.api.BookingId;
import io.hindsight.booking.api.BookingOption;
import io.hindsight.booking.api.BookingPayment;
import io.hindsight.booking.api.BookingPlaced;
import io.hindsight.booking.api.BookingStatus;
import io.hindsight.booking.api.CancelBooking;
import io.hindsight.booking.api.CancellationParty;
import io.hindsight.booking.api.ConfirmBooking;
import io.hindsight.booking.api.PlaceBooking;
import io.hindsight.booking.api.SlotId;
import io.hindsight.booking.api.SpaceId;
import io.hindsight.booking.api.SpacePrices;
import io.hindsight.booking.guard.BookingGuests;
import io.hindsight.booking.guard.HostBookings;
import io.hindsight.booking.guard.SpaceTerms;
import io.hindsight.command.Commands;
import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import io.hindsight.ledger.api.Hold;
import io.hindsight.ledger.api.LedgerAccountId;
import io.hindsight.ledger.api.LedgerError;
import io.hindsight.ledger.api.OpenLedgerAccountIfMissing;
import io.hindsight.ledger.api.PostHold;
import io.hindsight.ledger.api.Transfer;
import io.hindsight.ledger.api.TransferKind;
import io.hindsight.ledger.api.VoidHold;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlotTest {

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final Duration HOLD = Duration.ofMinutes(15);

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final LocalDate date = LocalDate.ofInstant(now, SEOUL).plusDays(7);
    private final SpaceId spaceId = SpaceId.of("0b7e6c1e-5d4f-4a3b-9c2d-1e0f9a8b7c6d");
    private final SlotId slotId = SlotId.of(spaceId, date);
    private final AccountId host = AccountId.of("host-1");
    private final AccountId guest = AccountId.of("guest-1");
    private final AccountId stranger = AccountId.of("stranger-1");
    private final SpacePrices prices = new SpacePrices(50_000L, 60_000L, 90_000L);
    private AggregateTestFixture<Slot> fixture;
    private SpaceTerms spaces;
    private Commands commands;
    private BookingGuests guests;
    private HostBookings hostBookings;
    private EndedBookings endedBookings;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Slot.class);
        spaces = mock(SpaceTerms.class);
        when(spaces.termsOrRefuse(any()))
                .thenThrow(new BusinessException(BookingError.SPACE_NOT_FOUND, "There is no space"));
        doReturn(new SpaceTerms.Terms(spaceId, host, 2, 8, prices, true))
                .when(spaces)
                .termsOrRefuse(spaceId);
        fixture.registerInjectableResource(spaces);
        fixture.registerInjectableResource(new BookingProperties(HOLD, SEOUL, 365));
        commands = mock(Commands.class);
        fixture.registerInjectableResource(commands);
        guests = mock(BookingGuests.class);
        fixture.registerInjectableResource(guests);
        hostBookings = mock(HostBookings.class);
        fixture.registerInjectableResource(hostBookings);
        endedBookings = mock(EndedBookings.class);
        fixture.registerInjectableResource(endedBookings);
    }

    private BookingState state(BookingId id, BookingStatus status, BookingPayment payment) {
        return new BookingState(
                id.value(),
                spaceId.value(),
                date,
                BookingOption.DAY,
                4,
                status,
                50_000L,
                "KRW",
                now.plus(HOLD),
                payment);
    }

    private BookingPayment heldPayment(BookingId id) {
        return BookingPayment.held(id.paymentTransferId(), 50_000L, "KRW");
    }

    /** What the ended-bookings table answers for a booking that has left its slot. */
    private BookingState endedAs(BookingId id, BookingStatus status) {
        BookingState ended = state(id, status, heldPayment(id).voided());
        when(endedBookings.find(id)).thenReturn(Optional.of(new EndedBookings.Ended(guest, host, ended)));
        return ended;
    }

    private BookingId newBooking(LocalDate on) {
        return BookingId.newId(spaceId, on);
    }

    private PlaceBooking place(BookingId id, BookingOption option, int headcount) {
        return new PlaceBooking(id, option, headcount, guest);
    }

    private BookingPlaced placed(BookingId id, BookingOption option) {
        return new BookingPlaced(
                slotId,
                id,
                spaceId,
                date,
                option,
                4,
                guest,
                host,
                prices.priceOf(option).orElseThrow(),
                "KRW",
                now.plus(HOLD),
                id.paymentTransferId());
    }

    private BookingConfirmed confirmed(BookingId id, long amount) {
        return new BookingConfirmed(slotId, id, amount, id.paymentTransferId());
    }

    private BookingCanceled canceled(BookingId id, CancellationParty by) {
        return new BookingCanceled(slotId, id, by, null);
    }

    private Hold hold(BookingId id, long price) {
        return new Hold(
                id.paymentTransferId(),
                LedgerAccountId.wallet(guest),
                LedgerAccountId.wallet(host),
                price,
                TransferKind.BOOKING,
                Map.of("bookingId", id.value(), "spaceId", spaceId.value()));
    }

    private Transfer refund(BookingId id, long price) {
        return new Transfer(
                id.refundTransferId(),
                LedgerAccountId.wallet(host),
                LedgerAccountId.wallet(guest),
                price,
                TransferKind.BOOKING_REFUND,
                Map.of("bookingId", id.value(), "spaceId", spaceId.value()));
    }

    @Test
    void canBookAFreeSlotWhichHoldsItUntilPaid() {
        BookingId id = newBooking(date);
        fixture.givenCurrentTime(now)
                .when(place(id, BookingOption.DAY, 4))
                .expectEvents(placed(id, BookingOption.DAY))
                .expectResultMessagePayload(new BookingState(
                        id.value(),
                        spaceId.value(),
                        date,
                        BookingOption.DAY,
                        4,
                        BookingStatus.PENDING,
                        50_000L,
                        "KRW",
                        now.plus(HOLD),
                        BookingPayment.held(id.paymentTransferId(), 50_000L, "KRW")))
                .expectScheduledDeadlineWithName(HOLD, Slot.HOLD_DEADLINE);
        verify(commands).send(new OpenLedgerAccountIfMissing(LedgerAccountId.wallet(host)));
        verify(commands).send(hold(id, 50_000L));
        verify(hostBookings).placed(id, host, guest, date);
    }

    @Test
    void cannotBookWhenTheWalletRefusesTheHold() {
        BookingId id = newBooking(date);
        doThrow(new BusinessException(LedgerError.INSUFFICIENT_FUNDS, "Not enough"))
                .when(commands)
                .send(hold(id, 50_000L));
        fixture.givenCurrentTime(now)
                .when(place(id, BookingOption.DAY, 4))
                .expectException(withCode(LedgerError.INSUFFICIENT_FUNDS))
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    void canBookAFreeOptionWithoutMovingMoney() {
        doReturn(new SpaceTerms.Terms(spaceId, host, 2, 8, new SpacePrices(0L, null, null), true))
                .when(spaces)
                .termsOrRefuse(spaceId);
        BookingId id = newBooking(date);
        fixture.givenCurrentTime(now)
                .andGivenCommands(place(id, BookingOption.DAY, 4))
                .when(new ConfirmBooking(id, guest))
                .expectEvents(new BookingConfirmed(slotId, id, 0L, null))
                .expectResultMessagePayload(new BookingState(
                        id.value(),
                        spaceId.value(),
                        date,
                        BookingOption.DAY,
                        4,
                        BookingStatus.CONFIRMED,
                        0L,
                        "KRW",
                        now.plus(HOLD),
                        null));
        verify(commands, never()).send(any());
    }

    @Test
    void cannotBookOwnSpace() {
        fixture.givenCurrentTime(now)
                .when(new PlaceBooking(newBooking(date), BookingOption.DAY, 4, host))
                .expectException(withCode(BookingError.OWN_SPACE))
                .expectNoEvents()
                .expectNoScheduledDeadlines();
        verify(commands, never()).send(any());
    }

    @Test
    void cannotBookAnUnknownSpace() {
        SpaceId unknown = SpaceId.of("00000000-0000-4000-8000-000000000000");
        BookingId id = BookingId.newId(unknown, date);
        fixture.givenCurrentTime(now)
                .when(new PlaceBooking(id, BookingOption.DAY, 4, guest))
                .expectException(withCode(BookingError.SPACE_NOT_FOUND))
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    void cannotBookADateInThePast() {
        LocalDate yesterday = LocalDate.ofInstant(now, SEOUL).minusDays(1);
        fixture.givenCurrentTime(now)
                .when(place(newBooking(yesterday), BookingOption.DAY, 4))
                .expectException(withCode(BookingError.DATE_IN_PAST))
                .expectNoEvents();
    }

    @Test
    void canBookToday() {
        LocalDate today = LocalDate.ofInstant(now, SEOUL);
        fixture.givenCurrentTime(now)
                .when(place(newBooking(today), BookingOption.NIGHT, 4))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void cannotBookBeyondTheBookingWindow() {
        LocalDate tooFar = LocalDate.ofInstant(now, SEOUL).plusDays(366);
        fixture.givenCurrentTime(now)
                .when(place(newBooking(tooFar), BookingOption.DAY, 4))
                .expectException(withCode(BookingError.DATE_TOO_FAR))
                .expectNoEvents();
    }

    @Test
    void cannotBookAnOptionTheSpaceDoesNotOffer() {
        doReturn(new SpaceTerms.Terms(spaceId, host, 2, 8, new SpacePrices(50_000L, null, null), true))
                .when(spaces)
                .termsOrRefuse(spaceId);
        fixture.givenCurrentTime(now)
                .when(place(newBooking(date), BookingOption.NIGHT, 4))
                .expectException(withCode(BookingError.OPTION_NOT_OFFERED))
                .expectNoEvents();
    }

    @ParameterizedTest
    @CsvSource({"1", "9"})
    void cannotBookForAHeadcountOutsideTheSpacesRange(int headcount) {
        fixture.givenCurrentTime(now)
                .when(place(newBooking(date), BookingOption.DAY, headcount))
                .expectException(withCode(BookingError.HEADCOUNT_OUT_OF_RANGE))
                .expectNoEvents();
    }

    @ParameterizedTest
    @CsvSource({"2", "8"})
    void canBookForTheSpacesMinimumAndMaximum(int headcount) {
        fixture.givenCurrentTime(now)
                .when(place(newBooking(date), BookingOption.DAY, headcount))
                .expectSuccessfulHandlerExecution();
    }

    @ParameterizedTest(name = "{0} held, {1} requested: taken = {2}")
    @CsvSource({
        "DAY,     DAY,     true",
        "DAY,     NIGHT,   false",
        "DAY,     ALL_DAY, true",
        "NIGHT,   DAY,     false",
        "NIGHT,   NIGHT,   true",
        "NIGHT,   ALL_DAY, true",
        "ALL_DAY, DAY,     true",
        "ALL_DAY, NIGHT,   true",
        "ALL_DAY, ALL_DAY, true"
    })
    void aLiveBookingBlocksExactlyTheConflictingOptions(BookingOption held, BookingOption requested, boolean taken) {
        var result = fixture.givenCurrentTime(now)
                .andGiven(placed(newBooking(date), held))
                .when(place(newBooking(date), requested, 4));
        if (taken) {
            result.expectException(withCode(BookingError.SLOT_TAKEN)).expectNoEvents();
        } else {
            result.expectSuccessfulHandlerExecution();
        }
    }

    @Test
    void aConfirmedBookingKeepsTheSlot() {
        BookingId held = newBooking(date);
        fixture.givenCurrentTime(now)
                .andGiven(placed(held, BookingOption.ALL_DAY), confirmed(held, 90_000L))
                .when(place(newBooking(date), BookingOption.NIGHT, 4))
                .expectException(withCode(BookingError.SLOT_TAKEN));
    }

    @Test
    void aCanceledBookingFreesTheSlot() {
        BookingId held = newBooking(date);
        fixture.givenCurrentTime(now)
                .andGiven(placed(held, BookingOption.ALL_DAY), canceled(held, CancellationParty.GUEST))
                .when(place(newBooking(date), BookingOption.ALL_DAY, 4))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void anExpiredBookingFreesTheSlot() {
        BookingId held = newBooking(date);
        fixture.givenCurrentTime(now)
                .andGiven(placed(held, BookingOption.DAY), new BookingExpired(slotId, held))
                .when(place(newBooking(date), BookingOption.DAY, 4))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void anUnpaidHoldExpiresWhenItsDeadlineComesAndIsVoided() {
        BookingId id = newBooking(date);
        fixture.givenCurrentTime(now)
                .andGivenCommands(place(id, BookingOption.DAY, 4))
                .whenTimeElapses(HOLD.plusSeconds(1))
                .expectEvents(new BookingExpired(slotId, id));
        verify(commands).send(new VoidHold(id.paymentTransferId()));
        verify(hostBookings).ended(id);
        verify(endedBookings)
                .record(
                        id,
                        guest,
                        host,
                        state(id, BookingStatus.EXPIRED, heldPayment(id).voided()));
    }

    @Test
    void aPaidBookingDoesNotExpire() {
        BookingId id = newBooking(date);
        fixture.givenCurrentTime(now)
                .andGivenCommands(place(id, BookingOption.DAY, 4), new ConfirmBooking(id, guest))
                .whenTimeElapses(HOLD.plusSeconds(1))
                .expectNoEvents();
        verify(commands, never()).send(new VoidHold(id.paymentTransferId()));
    }

    @Test
    void canConfirmWithinTheHold() {
        BookingId id = newBooking(date);
        fixture.givenCurrentTime(now)
                .andGiven(placed(id, BookingOption.DAY))
                .when(new ConfirmBooking(id, guest))
                .expectEvents(confirmed(id, 50_000L))
                .expectResultMessagePayload(new BookingState(
                        id.value(),
                        spaceId.value(),
                        date,
                        BookingOption.DAY,
                        4,
                        BookingStatus.CONFIRMED,
                        50_000L,
                        "KRW",
                        now.plus(HOLD),
                        BookingPayment.held(id.paymentTransferId(), 50_000L, "KRW")
                                .paid()));
        verify(commands).send(new PostHold(id.paymentTransferId()));
    }

    @Test
    void confirmingAgainChangesNothing() {
        BookingId id = newBooking(date);
        fixture.givenCurrentTime(now)
                .andGiven(placed(id, BookingOption.DAY), confirmed(id, 50_000L))
                .when(new ConfirmBooking(id, guest))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        verify(commands, never()).send(any());
    }

    @Test
    void cannotConfirmOnceTheHoldHasEnded() {
        BookingId id = newBooking(date);
        fixture.givenCurrentTime(now)
                .andGiven(placed(id, BookingOption.DAY))
                .andGivenCurrentTime(now.plus(HOLD))
                .when(new ConfirmBooking(id, guest))
                .expectException(withCode(BookingError.HOLD_EXPIRED))
                .expectNoEvents();
    }

    @Test
    void cannotConfirmAnExpiredBooking() {
        BookingId id = newBooking(date);
        fixture.givenCurrentTime(now)
                .andGiven(placed(id, BookingOption.DAY), new BookingExpired(slotId, id))
                .when(new ConfirmBooking(id, guest))
                .expectException(withCode(BookingError.BOOKING_NOT_FOUND));
        endedAs(id, BookingStatus.EXPIRED);
        fixture.givenCurrentTime(now)
                .andGiven(placed(id, BookingOption.DAY), new BookingExpired(slotId, id))
                .when(new ConfirmBooking(id, guest))
                .expectException(withCode(BookingError.INVALID_TRANSITION));
    }

    @Test
    void cannotConfirmACanceledBooking() {
        BookingId id = newBooking(date);
        endedAs(id, BookingStatus.CANCELED);
        fixture.givenCurrentTime(now)
                .andGiven(placed(id, BookingOption.DAY), canceled(id, CancellationParty.HOST))
                .when(new ConfirmBooking(id, guest))
                .expectException(withCode(BookingError.INVALID_TRANSITION));
    }

    @Test
    void onlyTheGuestPays() {
        BookingId id = newBooking(date);
        fixture.givenCurrentTime(now)
                .andGiven(placed(id, BookingOption.DAY))
                .when(new ConfirmBooking(id, host))
                .expectException(withCode(CommonError.FORBIDDEN));
        endedAs(id, BookingStatus.CANCELED);
        fixture.givenCurrentTime(now)
                .andGiven(placed(id, BookingOption.DAY), canceled(id, CancellationParty.GUEST))
                .when(new ConfirmBooking(id, host))
                .expectException(withCode(CommonError.FORBIDDEN));
    }

    @Test
    void anotherUsersEndedBookingDoesNotExist() {
        BookingId id = newBooking(date);
        endedAs(id, BookingStatus.CANCELED);
        fixture.givenCurrentTime(now)
                .andGiven(placed(id, BookingOption.DAY), canceled(id, CancellationParty.GUEST))
                .when(new CancelBooking(id, stranger))
                .expectException(withCode(BookingError.BOOKING_NOT_FOUND));
        fixture.givenCurrentTime(now)
                .andGiven(placed(id, BookingOption.DAY), canceled(id, CancellationParty.GUEST))
                .when(new ConfirmBooking(id, stranger))
                .expectException(withCode(BookingError.BOOKING_NOT_FOUND));
    }

    @Test
    void anotherUsersBookingDoesNotExist() {
        BookingId id = newBooking(date);
        fixture.givenCurrentTime(now)
                .andGiven(placed(id, BookingOption.DAY))
                .when(new ConfirmBooking(id, stranger))
                .expectException(withCode(BookingError.BOOKING_NOT_FOUND));
        fixture.givenCurrentTime(now)
                .andGiven(placed(id, BookingOption.DAY))
                .when(new CancelBooking(id, stranger))
                .expectException(withCode(BookingError.BOOKING_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void cannotConfirmABookingTheSlotDoesNotHold() {
        fixture.givenCurrentTime(now)
                .andGiven(placed(newBooking(date), BookingOption.DAY))
                .when(new ConfirmBooking(newBooking(date), guest))
                .expectException(withCode(BookingError.BOOKING_NOT_FOUND));
    }

    @Test
    void theGuestCanCancelAndIsPaidBackWhenTheBookingWasPaid() {
        BookingId id = newBooking(date);
        fixture.givenCurrentTime(now)
                .andGiven(placed(id, BookingOption.DAY), confirmed(id, 50_000L))
                .when(new CancelBooking(id, guest))
                .expectEvents(new BookingCanceled(slotId, id, CancellationParty.GUEST, id.refundTransferId()))
                .expectResultMessagePayload(
                        state(id, BookingStatus.CANCELED, heldPayment(id).paid().refunded(id.refundTransferId())));
        verify(commands).send(refund(id, 50_000L));
        verify(hostBookings).ended(id);
        verify(endedBookings)
                .record(
                        id,
                        guest,
                        host,
                        state(id, BookingStatus.CANCELED, heldPayment(id).paid().refunded(id.refundTransferId())));
    }

    @Test
    void theHostCanCancelAndThePendingHoldIsVoided() {
        BookingId id = newBooking(date);
        fixture.givenCurrentTime(now)
                .andGiven(placed(id, BookingOption.DAY))
                .when(new CancelBooking(id, host))
                .expectEvents(canceled(id, CancellationParty.HOST));
        verify(commands).send(new VoidHold(id.paymentTransferId()));
        verify(commands, never()).send(refund(id, 50_000L));
    }

    @Test
    void cannotCancelAPaidBookingTheHostsWalletCannotPayBack() {
        BookingId id = newBooking(date);
        doThrow(new BusinessException(LedgerError.INSUFFICIENT_FUNDS, "Not enough"))
                .when(commands)
                .send(refund(id, 50_000L));
        fixture.givenCurrentTime(now)
                .andGiven(placed(id, BookingOption.DAY), confirmed(id, 50_000L))
                .when(new CancelBooking(id, host))
                .expectException(withCode(BookingError.REFUND_NOT_COVERED))
                .expectNoEvents();
    }

    @Test
    void cannotCancelAPaidBookingWhoseGuestHasLeft() {
        BookingId id = newBooking(date);
        doThrow(new BusinessException(BookingError.GUEST_LEFT, "Gone"))
                .when(guests)
                .stillHereOrRefuse(guest, id);
        fixture.givenCurrentTime(now)
                .andGiven(placed(id, BookingOption.DAY), confirmed(id, 50_000L))
                .when(new CancelBooking(id, host))
                .expectException(withCode(BookingError.GUEST_LEFT))
                .expectNoEvents();
        verify(commands, never()).send(refund(id, 50_000L));
        verify(hostBookings, never()).ended(id);
        verify(endedBookings, never()).record(any(), any(), any(), any());
    }

    @Test
    void cancelingAgainChangesNothing() {
        BookingId id = newBooking(date);
        fixture.givenCurrentTime(now)
                .andGiven(placed(id, BookingOption.DAY), canceled(id, CancellationParty.GUEST))
                .when(new CancelBooking(id, guest))
                .expectException(withCode(BookingError.BOOKING_NOT_FOUND));
        BookingState canceled = endedAs(id, BookingStatus.CANCELED);
        fixture.givenCurrentTime(now)
                .andGiven(placed(id, BookingOption.DAY), canceled(id, CancellationParty.GUEST))
                .when(new CancelBooking(id, host))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(canceled);
    }

    @Test
    void cannotCancelAnExpiredBooking() {
        BookingId id = newBooking(date);
        endedAs(id, BookingStatus.EXPIRED);
        fixture.givenCurrentTime(now)
                .andGiven(placed(id, BookingOption.DAY), new BookingExpired(slotId, id))
                .when(new CancelBooking(id, guest))
                .expectException(withCode(BookingError.INVALID_TRANSITION));
    }

    @Test
    void cannotCancelOnceTheDateHasPassed() {
        BookingId id = newBooking(date);
        fixture.givenCurrentTime(now)
                .andGiven(placed(id, BookingOption.DAY), confirmed(id, 50_000L))
                .andGivenCurrentTime(now.plus(Duration.ofDays(9)))
                .when(new CancelBooking(id, guest))
                .expectException(withCode(BookingError.BOOKING_IN_PAST))
                .expectNoEvents();
    }
}
