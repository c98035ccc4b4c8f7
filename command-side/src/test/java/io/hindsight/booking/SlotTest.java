package io.hindsight.booking;

import static io.hindsight.command.BusinessErrors.withCode;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.hindsight.account.api.AccountId;
import io.hindsight.booking.api.BookingCanceled;
import io.hindsight.booking.api.BookingConfirmed;
import io.hindsight.booking.api.BookingError;
import io.hindsight.booking.api.BookingExpired;
import io.hindsight.booking.api.BookingId;
import io.hindsight.booking.api.BookingOption;
import io.hindsight.booking.api.BookingPlaced;
import io.hindsight.booking.api.BookingStatus;
import io.hindsight.booking.api.CancelBooking;
import io.hindsight.booking.api.CancellationParty;
import io.hindsight.booking.api.ConfirmBooking;
import io.hindsight.booking.api.PlaceBooking;
import io.hindsight.booking.api.SlotId;
import io.hindsight.booking.api.SpaceId;
import io.hindsight.booking.api.SpacePrices;
import io.hindsight.booking.guard.SpaceTerms;
import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
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
                now.plus(HOLD));
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
                        now.plus(HOLD)))
                .expectScheduledDeadlineWithName(HOLD, Slot.HOLD_DEADLINE);
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
                .andGiven(placed(held, BookingOption.ALL_DAY), new BookingConfirmed(slotId, held, 90_000L, "pay-1"))
                .when(place(newBooking(date), BookingOption.NIGHT, 4))
                .expectException(withCode(BookingError.SLOT_TAKEN));
    }

    @Test
    void aCanceledBookingFreesTheSlot() {
        BookingId held = newBooking(date);
        fixture.givenCurrentTime(now)
                .andGiven(
                        placed(held, BookingOption.ALL_DAY), new BookingCanceled(slotId, held, CancellationParty.GUEST))
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
    void anUnpaidHoldExpiresWhenItsDeadlineComes() {
        BookingId id = newBooking(date);
        fixture.givenCurrentTime(now)
                .andGivenCommands(place(id, BookingOption.DAY, 4))
                .whenTimeElapses(HOLD.plusSeconds(1))
                .expectEvents(new BookingExpired(slotId, id));
    }

    @Test
    void aPaidBookingDoesNotExpire() {
        BookingId id = newBooking(date);
        fixture.givenCurrentTime(now)
                .andGivenCommands(place(id, BookingOption.DAY, 4), new ConfirmBooking(id, guest, "pay-1"))
                .whenTimeElapses(HOLD.plusSeconds(1))
                .expectNoEvents();
    }

    @Test
    void canConfirmWithinTheHold() {
        BookingId id = newBooking(date);
        fixture.givenCurrentTime(now)
                .andGiven(placed(id, BookingOption.DAY))
                .when(new ConfirmBooking(id, guest, "pay-1"))
                .expectEvents(new BookingConfirmed(slotId, id, 50_000L, "pay-1"))
                .expectResultMessagePayload(new BookingState(
                        id.value(),
                        spaceId.value(),
                        date,
                        BookingOption.DAY,
                        4,
                        BookingStatus.CONFIRMED,
                        50_000L,
                        "KRW",
                        now.plus(HOLD)));
    }

    @Test
    void confirmingAgainChangesNothing() {
        BookingId id = newBooking(date);
        fixture.givenCurrentTime(now)
                .andGiven(placed(id, BookingOption.DAY), new BookingConfirmed(slotId, id, 50_000L, "pay-1"))
                .when(new ConfirmBooking(id, guest, "pay-2"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotConfirmOnceTheHoldHasEnded() {
        BookingId id = newBooking(date);
        fixture.givenCurrentTime(now)
                .andGiven(placed(id, BookingOption.DAY))
                .andGivenCurrentTime(now.plus(HOLD))
                .when(new ConfirmBooking(id, guest, "pay-1"))
                .expectException(withCode(BookingError.HOLD_EXPIRED))
                .expectNoEvents();
    }

    @Test
    void cannotConfirmAnExpiredBooking() {
        BookingId id = newBooking(date);
        fixture.givenCurrentTime(now)
                .andGiven(placed(id, BookingOption.DAY), new BookingExpired(slotId, id))
                .when(new ConfirmBooking(id, guest, "pay-1"))
                .expectException(withCode(BookingError.INVALID_TRANSITION));
    }

    @Test
    void cannotConfirmACanceledBooking() {
        BookingId id = newBooking(date);
        fixture.givenCurrentTime(now)
                .andGiven(placed(id, BookingOption.DAY), new BookingCanceled(slotId, id, CancellationParty.HOST))
                .when(new ConfirmBooking(id, guest, "pay-1"))
                .expectException(withCode(BookingError.INVALID_TRANSITION));
    }

    @Test
    void onlyTheGuestPays() {
        BookingId id = newBooking(date);
        fixture.givenCurrentTime(now)
                .andGiven(placed(id, BookingOption.DAY))
                .when(new ConfirmBooking(id, host, "pay-1"))
                .expectException(withCode(CommonError.FORBIDDEN));
    }

    @Test
    void anotherUsersBookingDoesNotExist() {
        BookingId id = newBooking(date);
        fixture.givenCurrentTime(now)
                .andGiven(placed(id, BookingOption.DAY))
                .when(new ConfirmBooking(id, stranger, "pay-1"))
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
                .when(new ConfirmBooking(newBooking(date), guest, "pay-1"))
                .expectException(withCode(BookingError.BOOKING_NOT_FOUND));
    }

    @Test
    void theGuestCanCancel() {
        BookingId id = newBooking(date);
        fixture.givenCurrentTime(now)
                .andGiven(placed(id, BookingOption.DAY), new BookingConfirmed(slotId, id, 50_000L, "pay-1"))
                .when(new CancelBooking(id, guest))
                .expectEvents(new BookingCanceled(slotId, id, CancellationParty.GUEST));
    }

    @Test
    void theHostCanCancel() {
        BookingId id = newBooking(date);
        fixture.givenCurrentTime(now)
                .andGiven(placed(id, BookingOption.DAY))
                .when(new CancelBooking(id, host))
                .expectEvents(new BookingCanceled(slotId, id, CancellationParty.HOST));
    }

    @Test
    void cancelingAgainChangesNothing() {
        BookingId id = newBooking(date);
        fixture.givenCurrentTime(now)
                .andGiven(placed(id, BookingOption.DAY), new BookingCanceled(slotId, id, CancellationParty.GUEST))
                .when(new CancelBooking(id, guest))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotCancelAnExpiredBooking() {
        BookingId id = newBooking(date);
        fixture.givenCurrentTime(now)
                .andGiven(placed(id, BookingOption.DAY), new BookingExpired(slotId, id))
                .when(new CancelBooking(id, guest))
                .expectException(withCode(BookingError.INVALID_TRANSITION));
    }

    @Test
    void cannotCancelOnceTheDateHasPassed() {
        BookingId id = newBooking(date);
        fixture.givenCurrentTime(now)
                .andGiven(placed(id, BookingOption.DAY), new BookingConfirmed(slotId, id, 50_000L, "pay-1"))
                .andGivenCurrentTime(now.plus(Duration.ofDays(9)))
                .when(new CancelBooking(id, guest))
                .expectException(withCode(BookingError.BOOKING_IN_PAST))
                .expectNoEvents();
    }
}
