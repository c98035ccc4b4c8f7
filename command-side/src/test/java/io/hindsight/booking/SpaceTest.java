package io.hindsight.booking;

import static io.hindsight.command.BusinessErrors.withCode;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.hindsight.account.api.AccountId;
import io.hindsight.booking.api.BookingError;
import io.hindsight.booking.api.LikeSpace;
import io.hindsight.booking.api.RegisterSpace;
import io.hindsight.booking.api.SpaceId;
import io.hindsight.booking.api.SpaceLiked;
import io.hindsight.booking.api.SpacePrices;
import io.hindsight.booking.api.SpaceRegistered;
import io.hindsight.booking.api.SpaceUnliked;
import io.hindsight.booking.api.UnlikeSpace;
import io.hindsight.booking.guard.ReferenceData;
import io.hindsight.booking.guard.SpaceTerms;
import io.hindsight.common.BusinessException;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SpaceTest {

    private final SpaceId spaceId = SpaceId.of("0b7e6c1e-5d4f-4a3b-9c2d-1e0f9a8b7c6d");
    private final AccountId host = AccountId.of("host-1");
    private final AccountId guest = AccountId.of("guest-1");
    private final SpacePrices prices = new SpacePrices(50_000L, null, 90_000L);
    private AggregateTestFixture<Space> fixture;
    private ReferenceData reference;
    private SpaceTerms terms;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Space.class);
        reference = mock(ReferenceData.class);
        terms = mock(SpaceTerms.class);
        fixture.registerInjectableResource(reference);
        fixture.registerInjectableResource(terms);
    }

    private RegisterSpace register(int min, int max, SpacePrices withPrices) {
        return new RegisterSpace(
                spaceId,
                host,
                "Sunny loft",
                "Near the river",
                1,
                13,
                min,
                max,
                "Mapo-gu 1",
                List.of(3, 1, 3),
                List.of("https://img.example/1.jpg"),
                withPrices);
    }

    private SpaceRegistered registered() {
        return new SpaceRegistered(
                spaceId,
                host,
                "Sunny loft",
                "Near the river",
                1,
                13,
                2,
                8,
                "Mapo-gu 1",
                List.of(1, 3),
                List.of("https://img.example/1.jpg"),
                prices);
    }

    @Test
    void canRegisterASpaceAndItsTermsForBooking() {
        fixture.givenNoPriorActivity().when(register(2, 8, prices)).expectEvents(registered());
        verify(terms).register(new SpaceTerms.Terms(spaceId, host, 2, 8, prices));
    }

    @Test
    void cannotRegisterWithoutAnyPrice() {
        fixture.givenNoPriorActivity()
                .when(register(2, 8, new SpacePrices(null, null, null)))
                .expectException(withCode(BookingError.INVALID_PRICES))
                .expectNoEvents();
        verify(terms, never()).register(any());
    }

    @Test
    void cannotRegisterANegativePrice() {
        fixture.givenNoPriorActivity()
                .when(register(2, 8, new SpacePrices(50_000L, -1L, null)))
                .expectException(withCode(BookingError.INVALID_PRICES));
    }

    @Test
    void cannotRegisterAMinimumAboveTheMaximum() {
        fixture.givenNoPriorActivity()
                .when(register(9, 8, prices))
                .expectException(withCode(BookingError.INVALID_HEADCOUNT_RANGE))
                .expectNoEvents();
    }

    @Test
    void cannotRegisterForNobody() {
        fixture.givenNoPriorActivity()
                .when(register(0, 8, prices))
                .expectException(withCode(BookingError.INVALID_HEADCOUNT_RANGE));
    }

    @Test
    void cannotRegisterInAnUnknownCategory() {
        doThrow(new BusinessException(BookingError.UNKNOWN_CATEGORY, "none"))
                .when(reference)
                .refuseUnknownCategory(1);
        fixture.givenNoPriorActivity()
                .when(register(2, 8, prices))
                .expectException(withCode(BookingError.UNKNOWN_CATEGORY));
    }

    @Test
    void cannotRegisterInAnUnknownDistrict() {
        doThrow(new BusinessException(BookingError.UNKNOWN_DISTRICT, "none"))
                .when(reference)
                .refuseUnknownDistrict(13);
        fixture.givenNoPriorActivity()
                .when(register(2, 8, prices))
                .expectException(withCode(BookingError.UNKNOWN_DISTRICT));
    }

    @Test
    void cannotRegisterWithUnknownFacilities() {
        doThrow(new BusinessException(BookingError.UNKNOWN_FACILITY, "none"))
                .when(reference)
                .refuseUnknownFacilities(List.of(1, 3));
        fixture.givenNoPriorActivity()
                .when(register(2, 8, prices))
                .expectException(withCode(BookingError.UNKNOWN_FACILITY));
    }

    @Test
    void canLikeASpace() {
        fixture.given(registered())
                .when(new LikeSpace(spaceId, guest))
                .expectEvents(new SpaceLiked(spaceId, guest))
                .expectResultMessagePayload(new SpaceLikes(spaceId.value(), 1));
    }

    @Test
    void likingAgainCountsOnce() {
        fixture.given(registered(), new SpaceLiked(spaceId, guest))
                .when(new LikeSpace(spaceId, guest))
                .expectNoEvents()
                .expectResultMessagePayload(new SpaceLikes(spaceId.value(), 1));
    }

    @Test
    void canUnlikeALikedSpace() {
        fixture.given(registered(), new SpaceLiked(spaceId, guest), new SpaceLiked(spaceId, host))
                .when(new UnlikeSpace(spaceId, guest))
                .expectEvents(new SpaceUnliked(spaceId, guest))
                .expectResultMessagePayload(new SpaceLikes(spaceId.value(), 1));
    }

    @Test
    void unlikingWithoutALikeChangesNothing() {
        fixture.given(registered())
                .when(new UnlikeSpace(spaceId, guest))
                .expectNoEvents()
                .expectResultMessagePayload(new SpaceLikes(spaceId.value(), 0));
    }
}
