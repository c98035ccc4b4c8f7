package io.hindsight.snack;

import static io.hindsight.snack.api.SnackOrderStatus.APPROVED;
import static io.hindsight.snack.api.SnackOrderStatus.CANCELED;
import static io.hindsight.snack.api.SnackOrderStatus.COMPLETED;
import static io.hindsight.snack.api.SnackOrderStatus.CREATED;
import static io.hindsight.snack.api.SnackOrderStatus.ORDERED;
import static io.hindsight.snack.api.SnackOrderStatus.SHIPPING;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.hindsight.account.api.AccountId;
import io.hindsight.common.BusinessException;
import io.hindsight.snack.api.CancelSnackOrder;
import io.hindsight.snack.api.ChangeSnackOrderStatus;
import io.hindsight.snack.api.CreateSnackOrder;
import io.hindsight.snack.api.RequesterLeft;
import io.hindsight.snack.api.ReviseSnackOrderItems;
import io.hindsight.snack.api.SnackError;
import io.hindsight.snack.api.SnackId;
import io.hindsight.snack.api.SnackOrderApproved;
import io.hindsight.snack.api.SnackOrderCanceled;
import io.hindsight.snack.api.SnackOrderCompleted;
import io.hindsight.snack.api.SnackOrderCreated;
import io.hindsight.snack.api.SnackOrderId;
import io.hindsight.snack.api.SnackOrderItem;
import io.hindsight.snack.api.SnackOrderItemsRevised;
import io.hindsight.snack.api.SnackOrderLine;
import io.hindsight.snack.api.SnackOrderPurchased;
import io.hindsight.snack.api.SnackOrderShipped;
import io.hindsight.snack.api.SnackOrderStatus;
import io.hindsight.snack.guard.SnackCatalog;
import io.hindsight.snack.guard.SnackReactionTally;
import io.hindsight.snack.guard.UnshippedSnackRequests;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SnackOrderTest {

    private static final LocalDate ARRIVAL = LocalDate.of(2100, 1, 15);

    private final SnackOrderId id = SnackOrderId.of("5e1f0000-0000-4000-8000-000000000001");
    private final AccountId requester = AccountId.of("member-1");
    private final SnackId chips = SnackId.of("8d3c5a1e-0000-4000-8000-0000000000c1");
    private final SnackId jelly = SnackId.of("8d3c5a1e-0000-4000-8000-0000000000c2");
    private final SnackOrderLine chipsLine = new SnackOrderLine(chips, "Chips", 2, 1500, "KRW");
    private final SnackOrderLine jellyLine = new SnackOrderLine(jelly, "Jelly", 1, 900, "KRW");
    private AggregateTestFixture<SnackOrder> fixture;
    private SnackCatalog catalog;
    private UnshippedSnackRequests requests;
    private SnackReactionTally tally;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SnackOrder.class);
        catalog = mock(SnackCatalog.class);
        requests = mock(UnshippedSnackRequests.class);
        tally = mock(SnackReactionTally.class);
        fixture.registerInjectableResource(catalog);
        fixture.registerInjectableResource(requests);
        fixture.registerInjectableResource(tally);
        when(catalog.linesOrRefuse(List.of(new SnackOrderItem(chips, 2)))).thenReturn(List.of(chipsLine));
        when(catalog.linesOrRefuse(List.of(new SnackOrderItem(chips, 2), new SnackOrderItem(jelly, 1))))
                .thenReturn(List.of(chipsLine, jellyLine));
        when(catalog.linesOrRefuse(List.of(new SnackOrderItem(jelly, 1)))).thenReturn(List.of(jellyLine));
        when(tally.lockAndFindDisliked(anyList())).thenReturn(List.of());
    }

    private SnackOrderCreated created() {
        return new SnackOrderCreated(id, requester, List.of(chipsLine));
    }

    private ChangeSnackOrderStatus move(SnackOrderStatus status) {
        return new ChangeSnackOrderStatus(id, status, status.needsEstimatedArrival() ? ARRIVAL : null);
    }

    private static Matcher<Object> refusedWith(SnackError code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof BusinessException refusal && refusal.code() == code;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a refusal with code " + code);
            }
        };
    }

    private static Matcher<Object> stateWithStatus(SnackOrderStatus status) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof SnackOrderState state && state.status() == status;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("an order state with status " + status);
            }
        };
    }

    @Test
    void canCreateAnOrderAndClaimItsSnacks() {
        fixture.givenNoPriorActivity()
                .when(new CreateSnackOrder(id, requester, List.of(new SnackOrderItem(chips, 2))))
                .expectEvents(created());
        verify(requests).claimOrRefuse(id, requester, List.of(chipsLine));
    }

    @Test
    void cannotRequestASnackStillInAnUnshippedOrder() {
        doThrow(new BusinessException(SnackError.SNACK_ALREADY_REQUESTED, "held"))
                .when(requests)
                .claimOrRefuse(any(), any(), anyList());
        fixture.givenNoPriorActivity()
                .when(new CreateSnackOrder(id, requester, List.of(new SnackOrderItem(chips, 2))))
                .expectException(refusedWith(SnackError.SNACK_ALREADY_REQUESTED))
                .expectNoEvents();
    }

    @Test
    void cannotListASnackTwiceOrOrderNothing() {
        fixture.givenNoPriorActivity()
                .when(new CreateSnackOrder(
                        id, requester, List.of(new SnackOrderItem(chips, 2), new SnackOrderItem(chips, 1))))
                .expectException(refusedWith(SnackError.DUPLICATE_ITEM));
        fixture.givenNoPriorActivity()
                .when(new CreateSnackOrder(id, requester, List.of()))
                .expectException(BusinessException.class);
        fixture.givenNoPriorActivity()
                .when(new CreateSnackOrder(id, requester, List.of(new SnackOrderItem(chips, 0))))
                .expectException(BusinessException.class);
        verify(requests, never()).claimOrRefuse(any(), any(), anyList());
    }

    @Test
    void canReviseItemsWhileCreatedAndReleaseDroppedSnacks() {
        fixture.given(created())
                .when(new ReviseSnackOrderItems(id, requester, List.of(new SnackOrderItem(jelly, 1))))
                .expectEvents(new SnackOrderItemsRevised(id, List.of(jellyLine)));
        verify(requests).claimOrRefuse(id, requester, List.of(jellyLine));
        verify(requests).releaseAllBut(id, List.of(jellyLine));
    }

    @Test
    void revisingToTheSameItemsChangesNothing() {
        fixture.given(created())
                .when(new ReviseSnackOrderItems(id, requester, List.of(new SnackOrderItem(chips, 2))))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void canCancelMyOwnOrderWhileCreatedAndReleaseItsSnacks() {
        fixture.given(created()).when(new CancelSnackOrder(id, requester)).expectEvents(new SnackOrderCanceled(id));
        verify(requests).releaseAll(id);
    }

    @Test
    void cannotCancelMyOrderOnceApproved() {
        fixture.given(created(), new SnackOrderApproved(id))
                .when(new CancelSnackOrder(id, requester))
                .expectException(refusedWith(SnackError.ORDER_NOT_CANCELABLE))
                .expectNoEvents();
    }

    @Test
    void cannotCancelSomeoneElsesOrder() {
        fixture.given(created())
                .when(new CancelSnackOrder(id, AccountId.of("member-2")))
                .expectException(refusedWith(SnackError.SNACK_ORDER_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void cancelingACanceledOrderChangesNothing() {
        fixture.given(created(), new SnackOrderCanceled(id))
                .when(new CancelSnackOrder(id, requester))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aRequesterLeavingCancelsOnlyAnOrderNobodyActedOn() {
        fixture.given(created()).when(new RequesterLeft(id, requester)).expectEvents(new SnackOrderCanceled(id));
        verify(requests).releaseAll(id);
        fixture.given(created(), new SnackOrderApproved(id))
                .when(new RequesterLeft(id, requester))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(created(), new SnackOrderCanceled(id))
                .when(new RequesterLeft(id, requester))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(created())
                .when(new RequesterLeft(id, AccountId.of("member-2")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotReviseOnceApproved() {
        fixture.given(created(), new SnackOrderApproved(id))
                .when(new ReviseSnackOrderItems(id, requester, List.of(new SnackOrderItem(jelly, 1))))
                .expectException(refusedWith(SnackError.ORDER_NOT_EDITABLE))
                .expectNoEvents();
    }

    @Test
    void cannotReviseSomeoneElsesOrder() {
        fixture.given(created())
                .when(new ReviseSnackOrderItems(id, AccountId.of("member-2"), List.of(new SnackOrderItem(jelly, 1))))
                .expectException(refusedWith(SnackError.SNACK_ORDER_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void canWalkTheWholeFlow() {
        fixture.given(created()).when(move(APPROVED)).expectEvents(new SnackOrderApproved(id));
        fixture.given(created(), new SnackOrderApproved(id))
                .when(move(ORDERED))
                .expectEvents(new SnackOrderPurchased(id, ARRIVAL));
        fixture.given(created(), new SnackOrderApproved(id), new SnackOrderPurchased(id, ARRIVAL))
                .when(move(SHIPPING))
                .expectEvents(new SnackOrderShipped(id, ARRIVAL));
        verify(requests).releaseAll(id);
        fixture.given(
                        created(),
                        new SnackOrderApproved(id),
                        new SnackOrderPurchased(id, ARRIVAL),
                        new SnackOrderShipped(id, ARRIVAL))
                .when(move(COMPLETED))
                .expectEvents(new SnackOrderCompleted(id));
    }

    @Test
    void cannotSkipAStep() {
        fixture.given(created()).when(move(ORDERED)).expectException(refusedWith(SnackError.INVALID_TRANSITION));
        fixture.given(created()).when(move(COMPLETED)).expectException(refusedWith(SnackError.INVALID_TRANSITION));
        fixture.given(created(), new SnackOrderApproved(id))
                .when(move(SHIPPING))
                .expectException(refusedWith(SnackError.INVALID_TRANSITION))
                .expectNoEvents();
    }

    @Test
    void cannotGoBackOrStay() {
        fixture.given(created(), new SnackOrderApproved(id))
                .when(move(CREATED))
                .expectException(refusedWith(SnackError.INVALID_TRANSITION));
        fixture.given(created(), new SnackOrderApproved(id))
                .when(move(APPROVED))
                .expectException(refusedWith(SnackError.INVALID_TRANSITION));
    }

    @Test
    void canCancelOnlyBeforeOrdering() {
        fixture.given(created()).when(move(CANCELED)).expectEvents(new SnackOrderCanceled(id));
        fixture.given(created(), new SnackOrderApproved(id))
                .when(move(CANCELED))
                .expectEvents(new SnackOrderCanceled(id));
        fixture.given(created(), new SnackOrderApproved(id), new SnackOrderPurchased(id, ARRIVAL))
                .when(move(CANCELED))
                .expectException(refusedWith(SnackError.INVALID_TRANSITION));
        fixture.given(created(), new SnackOrderCanceled(id))
                .when(move(APPROVED))
                .expectException(refusedWith(SnackError.INVALID_TRANSITION));
    }

    @Test
    void cannotOrderOrShipWithoutAnEstimatedArrival() {
        fixture.given(created(), new SnackOrderApproved(id))
                .when(new ChangeSnackOrderStatus(id, ORDERED, null))
                .expectException(refusedWith(SnackError.ESTIMATED_ARRIVAL_REQUIRED))
                .expectNoEvents();
        fixture.given(created(), new SnackOrderApproved(id), new SnackOrderPurchased(id, ARRIVAL))
                .when(new ChangeSnackOrderStatus(id, SHIPPING, null))
                .expectException(refusedWith(SnackError.ESTIMATED_ARRIVAL_REQUIRED))
                .expectNoEvents();
    }

    @Test
    void cannotGiveAnArrivalToOtherStatusesOrBeforeTheOrderExisted() {
        fixture.given(created())
                .when(new ChangeSnackOrderStatus(id, APPROVED, ARRIVAL))
                .expectException(refusedWith(SnackError.INVALID_ESTIMATED_ARRIVAL));
        fixture.given(created(), new SnackOrderApproved(id))
                .when(new ChangeSnackOrderStatus(id, ORDERED, LocalDate.of(2001, 1, 1)))
                .expectException(refusedWith(SnackError.INVALID_ESTIMATED_ARRIVAL));
    }

    @Test
    void cannotApproveOrOrderWhileASnackIsMoreHatedThanLiked() {
        when(tally.lockAndFindDisliked(List.of(chips))).thenReturn(List.of(chips));
        fixture.given(created())
                .when(move(APPROVED))
                .expectException(refusedWith(SnackError.SNACK_DISLIKED))
                .expectExceptionMessage(containsString("'Chips' is more hated than liked"))
                .expectNoEvents();
        fixture.given(created(), new SnackOrderApproved(id))
                .when(move(ORDERED))
                .expectException(refusedWith(SnackError.SNACK_DISLIKED))
                .expectNoEvents();
    }

    @Test
    void dislikesDoNotStopShippingCompletingOrCanceling() {
        when(tally.lockAndFindDisliked(anyList())).thenReturn(List.of(chips));
        fixture.given(created(), new SnackOrderApproved(id), new SnackOrderPurchased(id, ARRIVAL))
                .when(move(SHIPPING))
                .expectEvents(new SnackOrderShipped(id, ARRIVAL));
        fixture.given(created()).when(move(CANCELED)).expectEvents(new SnackOrderCanceled(id));
    }

    @Test
    void cancelingReleasesTheSnacks() {
        fixture.given(created()).when(move(CANCELED)).expectSuccessfulHandlerExecution();
        verify(requests).releaseAll(id);
    }

    @Test
    void approvingKeepsTheSnacksRequested() {
        fixture.given(created()).when(move(APPROVED)).expectResultMessagePayloadMatching(stateWithStatus(APPROVED));
        verify(requests, never()).releaseAll(any());
    }
}
