package io.hindsight.snack;

import static io.hindsight.snack.api.ReactionType.HATE;
import static io.hindsight.snack.api.ReactionType.LIKE;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.hindsight.account.api.AccountId;
import io.hindsight.common.BusinessException;
import io.hindsight.snack.api.ReactToSnack;
import io.hindsight.snack.api.SnackError;
import io.hindsight.snack.api.SnackId;
import io.hindsight.snack.api.SnackReacted;
import io.hindsight.snack.api.SnackReactionId;
import io.hindsight.snack.api.SnackReactionWithdrawn;
import io.hindsight.snack.api.WithdrawSnackReaction;
import io.hindsight.snack.guard.SnackReactionTally;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SnackReactionTest {

    private final SnackId snack = SnackId.of("8d3c5a1e-0000-4000-8000-000000000002");
    private final SnackReactionId id = new SnackReactionId(snack, AccountId.of("member-1"));
    private AggregateTestFixture<SnackReaction> fixture;
    private SnackReactionTally tally;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SnackReaction.class);
        tally = mock(SnackReactionTally.class);
        fixture.registerInjectableResource(tally);
    }

    @Test
    void canReactForTheFirstTime() {
        when(tally.moveOrRefuse(snack, null, LIKE)).thenReturn(new ReactionCounts(1, 0, LIKE));
        fixture.givenNoPriorActivity()
                .when(new ReactToSnack(id, LIKE))
                .expectEvents(new SnackReacted(id, LIKE, null))
                .expectResultMessagePayload(new ReactionCounts(1, 0, LIKE));
    }

    @Test
    void canSwitchFromHateToLike() {
        when(tally.moveOrRefuse(snack, HATE, LIKE)).thenReturn(new ReactionCounts(3, 1, LIKE));
        fixture.given(new SnackReacted(id, HATE, null))
                .when(new ReactToSnack(id, LIKE))
                .expectEvents(new SnackReacted(id, LIKE, HATE))
                .expectResultMessagePayload(new ReactionCounts(3, 1, LIKE));
    }

    @Test
    void cannotSendTheReactionOneAlreadyHas() {
        fixture.given(new SnackReacted(id, HATE, null), new SnackReacted(id, LIKE, HATE))
                .when(new ReactToSnack(id, LIKE))
                .expectException(BusinessException.class)
                .expectExceptionMessage(containsString("already like"))
                .expectNoEvents();
        verify(tally, never()).moveOrRefuse(any(), any(), any());
    }

    @Test
    void cannotReactToAnUnknownSnack() {
        when(tally.moveOrRefuse(snack, null, HATE))
                .thenThrow(new BusinessException(SnackError.SNACK_NOT_FOUND, "none"));
        fixture.givenNoPriorActivity()
                .when(new ReactToSnack(id, HATE))
                .expectException(BusinessException.class)
                .expectNoEvents();
    }

    @Test
    void canWithdrawAndReactAgain() {
        when(tally.moveOrRefuse(snack, LIKE, null)).thenReturn(new ReactionCounts(0, 0, null));
        fixture.given(new SnackReacted(id, LIKE, null))
                .when(new WithdrawSnackReaction(id))
                .expectEvents(new SnackReactionWithdrawn(id, LIKE))
                .expectResultMessagePayload(new ReactionCounts(0, 0, null));

        when(tally.moveOrRefuse(snack, null, LIKE)).thenReturn(new ReactionCounts(1, 0, LIKE));
        fixture.given(new SnackReacted(id, LIKE, null), new SnackReactionWithdrawn(id, LIKE))
                .when(new ReactToSnack(id, LIKE))
                .expectEvents(new SnackReacted(id, LIKE, null));
    }

    @Test
    void withdrawingNothingChangesNothing() {
        when(tally.countsOrRefuse(snack)).thenReturn(new ReactionCounts(2, 1, null));
        fixture.given(new SnackReacted(id, LIKE, null), new SnackReactionWithdrawn(id, LIKE))
                .when(new WithdrawSnackReaction(id))
                .expectNoEvents()
                .expectResultMessagePayload(new ReactionCounts(2, 1, null));
        fixture.givenNoPriorActivity()
                .when(new WithdrawSnackReaction(id))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        verify(tally, never()).moveOrRefuse(any(), any(), any());
    }
}
