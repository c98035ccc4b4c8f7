package io.hindsight.booking;

import static io.hindsight.command.BusinessErrors.withCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.hindsight.account.api.AccountId;
import io.hindsight.booking.api.AddSpaceImage;
import io.hindsight.booking.api.BookingError;
import io.hindsight.booking.api.LikeSpace;
import io.hindsight.booking.api.RegisterSpace;
import io.hindsight.booking.api.RelistSpace;
import io.hindsight.booking.api.RemoveSpaceImage;
import io.hindsight.booking.api.ReviseSpace;
import io.hindsight.booking.api.SpaceId;
import io.hindsight.booking.api.SpaceImageAdded;
import io.hindsight.booking.api.SpaceImageRemoved;
import io.hindsight.booking.api.SpaceLiked;
import io.hindsight.booking.api.SpacePrices;
import io.hindsight.booking.api.SpacePricesChanged;
import io.hindsight.booking.api.SpaceRegistered;
import io.hindsight.booking.api.SpaceRelisted;
import io.hindsight.booking.api.SpaceRevised;
import io.hindsight.booking.api.SpaceUnliked;
import io.hindsight.booking.api.SpaceUnlisted;
import io.hindsight.booking.api.UnlikeSpace;
import io.hindsight.booking.api.UnlistSpace;
import io.hindsight.booking.guard.ReferenceData;
import io.hindsight.booking.guard.SpaceLikers;
import io.hindsight.booking.guard.SpaceTerms;
import io.hindsight.common.BusinessException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SpaceTest {

    private final SpaceId spaceId = SpaceId.of("0b7e6c1e-5d4f-4a3b-9c2d-1e0f9a8b7c6d");
    private final AccountId host = AccountId.of("host-1");
    private final AccountId guest = AccountId.of("guest-1");
    private final SpacePrices prices = new SpacePrices(50_000L, null, 90_000L);
    private AggregateTestFixture<Space> fixture;
    /** What {@code booking_space_likers} holds for this space: the aggregate keeps only the count. */
    private final Set<AccountId> likedBy = new HashSet<>();

    private SpaceLikers likers;
    private ReferenceData reference;
    private SpaceTerms terms;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Space.class);
        reference = mock(ReferenceData.class);
        terms = mock(SpaceTerms.class);
        fixture.registerInjectableResource(reference);
        fixture.registerInjectableResource(terms);
        likers = mock(SpaceLikers.class);
        when(likers.add(any(), any())).thenAnswer(call -> likedBy.add(call.getArgument(1)));
        when(likers.remove(any(), any())).thenAnswer(call -> likedBy.remove(call.getArgument(1)));
        fixture.registerInjectableResource(likers);
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
        verify(terms).register(new SpaceTerms.Terms(spaceId, host, 2, 8, prices, true));
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
        likedBy.add(guest);
        fixture.given(registered(), new SpaceLiked(spaceId, guest))
                .when(new LikeSpace(spaceId, guest))
                .expectNoEvents()
                .expectResultMessagePayload(new SpaceLikes(spaceId.value(), 1));
    }

    @Test
    void canUnlikeALikedSpace() {
        likedBy.addAll(List.of(guest, host));
        fixture.given(registered(), new SpaceLiked(spaceId, guest), new SpaceLiked(spaceId, host))
                .when(new UnlikeSpace(spaceId, guest))
                .expectEvents(new SpaceUnliked(spaceId, guest))
                .expectResultMessagePayload(new SpaceLikes(spaceId.value(), 1));
        assertThat(likedBy).containsExactly(host);
    }

    @Test
    void unlikingWithoutALikeChangesNothing() {
        fixture.given(registered())
                .when(new UnlikeSpace(spaceId, guest))
                .expectNoEvents()
                .expectResultMessagePayload(new SpaceLikes(spaceId.value(), 0));
    }

    /** The count is the aggregate's; who likes it is the table's, which it asks before recording a like. */
    @Test
    void aLikeIsRecordedOnlyWhenTheLikersTableTakesIt() {
        fixture.given(registered(), new SpaceLiked(spaceId, host))
                .when(new LikeSpace(spaceId, guest))
                .expectEvents(new SpaceLiked(spaceId, guest))
                .expectResultMessagePayload(new SpaceLikes(spaceId.value(), 2));
        verify(likers).add(spaceId, guest);
        likedBy.clear();
        fixture.given(registered(), new SpaceLiked(spaceId, guest))
                .when(new UnlikeSpace(spaceId, guest))
                .expectNoEvents()
                .expectResultMessagePayload(new SpaceLikes(spaceId.value(), 1));
    }

    private ReviseSpace revise(AccountId by, Integer minCount, Integer maxCount, SpacePrices newPrices) {
        return new ReviseSpace(spaceId, by, null, null, null, null, minCount, maxCount, null, null, null, newPrices);
    }

    @Test
    void canReviseASpaceAndItsTermsApplyToLaterBookings() {
        SpacePrices raised = new SpacePrices(60_000L, 70_000L, null);
        fixture.given(registered())
                .when(revise(host, null, 5, raised))
                .expectEvents(
                        new SpaceRevised(
                                spaceId,
                                "Sunny loft",
                                "Near the river",
                                1,
                                13,
                                2,
                                5,
                                "Mapo-gu 1",
                                List.of(1, 3),
                                List.of("https://img.example/1.jpg")),
                        new SpacePricesChanged(spaceId, raised, prices));
        verify(terms).revise(spaceId, 2, 5, raised);
    }

    @Test
    void cannotReviseSomeoneElsesSpaceOrToAnInvalidRange() {
        fixture.given(registered())
                .when(revise(guest, null, 5, null))
                .expectException(BusinessException.class)
                .expectNoEvents();
        fixture.given(registered())
                .when(revise(host, 9, null, null))
                .expectException(BusinessException.class)
                .expectNoEvents();
        fixture.given(registered())
                .when(revise(host, null, null, null))
                .expectException(BusinessException.class)
                .expectNoEvents();
        fixture.given(registered())
                .when(new ReviseSpace(spaceId, host, null, null, null, null, null, null, "  ", null, null, null))
                .expectException(BusinessException.class)
                .expectNoEvents();
    }

    @Test
    void canUnlistAndRelistOnlyMySpaceAndRepeatingChangesNothing() {
        fixture.given(registered()).when(new UnlistSpace(spaceId, host)).expectEvents(new SpaceUnlisted(spaceId));
        verify(terms).list(spaceId, false);
        fixture.given(registered(), new SpaceUnlisted(spaceId))
                .when(new UnlistSpace(spaceId, host))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(registered(), new SpaceUnlisted(spaceId))
                .when(new RelistSpace(spaceId, host))
                .expectEvents(new SpaceRelisted(spaceId));
        fixture.given(registered())
                .when(new UnlistSpace(spaceId, guest))
                .expectException(BusinessException.class)
                .expectNoEvents();
    }

    @Test
    void cannotAddMoreThanTwentyImagesNorRemoveOneTheSpaceDoesNotHave() {
        List<Object> history = new java.util.ArrayList<>();
        history.add(registered());
        for (int i = 0; i < Space.MAX_IMAGES; i++) {
            history.add(new SpaceImageAdded(spaceId, "image-" + i + ".png", "image/png", 10));
        }
        fixture.given(history)
                .when(new AddSpaceImage(spaceId, host, "one-more.png", "image/png", 10))
                .expectException(BusinessException.class)
                .expectNoEvents();
        fixture.given(registered())
                .when(new RemoveSpaceImage(spaceId, host, "missing.png"))
                .expectException(BusinessException.class)
                .expectNoEvents();
        fixture.given(registered(), new SpaceImageAdded(spaceId, "a.png", "image/png", 10))
                .when(new RemoveSpaceImage(spaceId, host, "a.png"))
                .expectEvents(new SpaceImageRemoved(spaceId, "a.png"));
    }
}
