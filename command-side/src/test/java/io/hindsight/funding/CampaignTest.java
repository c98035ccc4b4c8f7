package io.hindsight.funding;

import static io.hindsight.command.BusinessErrors.withCode;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.hindsight.account.api.AccountId;
import io.hindsight.command.Commands;
import io.hindsight.common.CommonError;
import io.hindsight.funding.api.CampaignCanceled;
import io.hindsight.funding.api.CampaignClosed;
import io.hindsight.funding.api.CampaignCreated;
import io.hindsight.funding.api.CampaignEdited;
import io.hindsight.funding.api.CampaignFailed;
import io.hindsight.funding.api.CampaignFunded;
import io.hindsight.funding.api.CampaignId;
import io.hindsight.funding.api.CampaignSucceeded;
import io.hindsight.funding.api.CampaignWithdrawn;
import io.hindsight.funding.api.CancelCampaign;
import io.hindsight.funding.api.CloseCampaign;
import io.hindsight.funding.api.CreateCampaign;
import io.hindsight.funding.api.EditCampaign;
import io.hindsight.funding.api.FundCampaign;
import io.hindsight.funding.api.FundingError;
import io.hindsight.funding.api.FundingId;
import io.hindsight.funding.api.PublisherLeft;
import io.hindsight.funding.api.WithdrawCampaign;
import io.hindsight.funding.guard.CampaignBackings;
import io.hindsight.funding.guard.CampaignPublishers;
import io.hindsight.ledger.api.Hold;
import io.hindsight.ledger.api.LedgerAccountId;
import io.hindsight.ledger.api.OpenLedgerAccountIfMissing;
import io.hindsight.ledger.api.SettleHolds;
import io.hindsight.ledger.api.TransferId;
import io.hindsight.ledger.api.TransferKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CampaignTest {

    private final CampaignId id = CampaignId.of("cmp-00000000-0000-4000-8000-000000000001");
    private final AccountId publisher = AccountId.of("publisher");
    private final AccountId backer = AccountId.of("backer");
    private final AccountId other = AccountId.of("other");
    private AggregateTestFixture<Campaign> fixture;
    private Commands commands;
    private Instant endsAt;
    /** What {@code funding_campaign_backings} holds for the campaign, by backer: the aggregate keeps only sums. */
    private final Map<AccountId, TransferId> backed = new TreeMap<>(Comparator.comparing(AccountId::value));

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Campaign.class);
        commands = mock(Commands.class);
        fixture.registerInjectableResource(commands);
        fixture.registerInjectableResource(mock(CampaignPublishers.class));
        CampaignBackings backings = mock(CampaignBackings.class);
        when(backings.record(eq(id), any(), any()))
                .thenAnswer(call -> backed.putIfAbsent(call.getArgument(1), call.getArgument(2)) == null);
        when(backings.holdsOf(id)).thenAnswer(call -> List.copyOf(backed.values()));
        fixture.registerInjectableResource(backings);
        endsAt = fixture.currentTime().plus(Duration.ofDays(10));
    }

    private CampaignCreated created(long target, long unit) {
        return new CampaignCreated(id, publisher, "Lantern", "", target, unit, endsAt, "Asia/Seoul");
    }

    private CreateCampaign create(long target, long unit) {
        return new CreateCampaign(id, publisher, "Lantern", "", target, unit, endsAt, "Asia/Seoul");
    }

    /** The event, and its backing's row, which a funding writes in the event's transaction. */
    private CampaignFunded funded(AccountId by, long amount) {
        FundingId fundingId = FundingId.of(id, by);
        backed.putIfAbsent(by, fundingId.transferId());
        return new CampaignFunded(id, fundingId, by, amount, fundingId.transferId());
    }

    @Test
    void canCreateACampaignThatEndsInTheFutureAndOpensThePublishersWallet() {
        fixture.givenNoPriorActivity()
                .when(new CreateCampaign(id, publisher, " Lantern ", null, 30_000, 10_000, endsAt, "Asia/Seoul"))
                .expectEvents(created(30_000, 10_000))
                .expectScheduledDeadlineWithName(endsAt, Campaign.END_DEADLINE);
        verify(commands).send(new OpenLedgerAccountIfMissing(LedgerAccountId.wallet(publisher)));
    }

    @Test
    void cannotCreateACampaignEndingInThePastOrWithoutAmounts() {
        Instant past = fixture.currentTime().minusSeconds(1);
        fixture.givenNoPriorActivity()
                .when(new CreateCampaign(id, publisher, "Lantern", "", 30_000, 10_000, past, "Asia/Seoul"))
                .expectException(withCode(FundingError.INVALID_END));
        fixture.givenNoPriorActivity()
                .when(new CreateCampaign(id, publisher, "Lantern", "", 0, 10_000, endsAt, "Asia/Seoul"))
                .expectException(withCode(FundingError.INVALID_CAMPAIGN));
        fixture.givenNoPriorActivity()
                .when(new CreateCampaign(id, publisher, "\u200b \u3000", "", 10, 10, endsAt, "Asia/Seoul"))
                .expectException(withCode(CommonError.VALIDATION_FAILED));
    }

    @Test
    void canFundOnceWithTheFundingUnitHeldForThePublisher() {
        FundingId fundingId = FundingId.of(id, backer);
        fixture.given(created(30_000, 10_000))
                .when(new FundCampaign(id, backer))
                .expectEvents(funded(backer, 10_000));
        verify(commands)
                .send(new Hold(
                        fundingId.transferId(),
                        LedgerAccountId.wallet(backer),
                        LedgerAccountId.wallet(publisher),
                        10_000,
                        TransferKind.FUNDING,
                        Map.of("campaignId", id.value(), "fundingId", fundingId.value())));
        fixture.given(created(30_000, 10_000), funded(backer, 10_000))
                .when(new FundCampaign(id, backer))
                .expectException(withCode(FundingError.ALREADY_FUNDED));
    }

    @Test
    void aFundingOfTheUnitTheBackerSawIsRefusedOnceThePublisherChangedIt() {
        fixture.given(created(30_000, 10_000))
                .when(new FundCampaign(id, backer, 10_000L))
                .expectEvents(funded(backer, 10_000));
        backed.clear();
        fixture.given(created(30_000, 10_000))
                .when(new FundCampaign(id, backer, 5_000L))
                .expectException(withCode(FundingError.FUNDING_UNIT_CHANGED));
        verify(commands).send(any());
    }

    /** Once is the backings table's key: a funding on another node this node's campaign has not loaded yet counts. */
    @Test
    void aBackerTheBackingsHoldAlreadyIsRefusedWithoutMovingMoney() {
        backed.put(backer, FundingId.of(id, backer).transferId());
        fixture.given(created(30_000, 10_000))
                .when(new FundCampaign(id, backer))
                .expectException(withCode(FundingError.ALREADY_FUNDED))
                .expectNoEvents();
        verify(commands, never()).send(any());
    }

    @Test
    void cannotFundOwnCampaignOrOneThatIsNotFunding() {
        fixture.given(created(30_000, 10_000))
                .when(new FundCampaign(id, publisher))
                .expectException(withCode(FundingError.PUBLISHER_CANNOT_FUND));
        fixture.given(created(30_000, 10_000), new CampaignCanceled(id))
                .when(new FundCampaign(id, backer))
                .expectException(withCode(FundingError.CAMPAIGN_NOT_FUNDING));
        fixture.given(created(30_000, 10_000), new CampaignWithdrawn(id))
                .when(new FundCampaign(id, backer))
                .expectException(withCode(FundingError.CAMPAIGN_NOT_FOUND));
        verify(commands, never()).send(any());
    }

    @Test
    void cannotFundOnceTheEndHasCome() {
        fixture.given(created(30_000, 10_000))
                .andGivenCurrentTime(endsAt)
                .when(new FundCampaign(id, backer))
                .expectException(withCode(FundingError.CAMPAIGN_NOT_FUNDING));
    }

    @Test
    void theEndPostsEveryHoldWhenTheTargetIsReached() {
        fixture.givenCommands(create(20_000, 10_000))
                .andGiven(funded(backer, 10_000), funded(other, 10_000))
                .whenThenTimeElapses(Duration.ofDays(10))
                .expectDeadlinesMet(new CampaignEnd(id, endsAt))
                .expectEvents(new CampaignSucceeded(id, 20_000, 2));
        verify(commands)
                .send(new SettleHolds(
                        List.of(
                                FundingId.of(id, backer).transferId(),
                                FundingId.of(id, other).transferId()),
                        SettleHolds.Settlement.POST));
    }

    @Test
    void theEndVoidsEveryHoldWhenTheTargetIsMissed() {
        fixture.givenCommands(create(20_001, 10_000))
                .andGiven(funded(backer, 10_000), funded(other, 10_000))
                .whenThenTimeElapses(Duration.ofDays(10))
                .expectEvents(new CampaignFailed(id, 20_000, 2));
        verify(commands)
                .send(new SettleHolds(
                        List.of(
                                FundingId.of(id, backer).transferId(),
                                FundingId.of(id, other).transferId()),
                        SettleHolds.Settlement.VOID));
    }

    @Test
    void anEndThatWasMovedDoesNothingAtTheOldTime() {
        Instant later = endsAt.plus(Duration.ofDays(5));
        fixture.givenCommands(create(20_000, 10_000))
                .andGivenCommands(new EditCampaign(id, publisher, null, null, null, later, null))
                .whenThenTimeElapses(Duration.ofDays(11))
                .expectNoEvents();
    }

    @Test
    void canEditEverythingButTheTargetWhileFunding() {
        Instant later = endsAt.plus(Duration.ofDays(5));
        fixture.given(created(20_000, 10_000))
                .when(new EditCampaign(id, publisher, "Brighter lantern", null, 5_000L, later, null))
                .expectEvents(new CampaignEdited(id, "Brighter lantern", "", 5_000, later))
                .expectScheduledDeadlineWithName(later, Campaign.END_DEADLINE);
        fixture.given(created(20_000, 10_000))
                .when(new EditCampaign(id, other, "Mine now", null, null, null, null))
                .expectException(withCode(FundingError.CAMPAIGN_NOT_FOUND));
        fixture.given(created(20_000, 10_000), new CampaignSucceeded(id, 20_000, 2))
                .when(new EditCampaign(id, publisher, "Too late", null, null, null, null))
                .expectException(withCode(FundingError.CAMPAIGN_NOT_FUNDING));
    }

    /** A day ended in the zone configured when edited: a campaign of Seoul moved to UTC ran nine hours too long. */
    @Test
    void anEndGivenAsADayEndsThatDayInTheCampaignsOwnZone() {
        LocalDate lastDay = LocalDate.ofInstant(endsAt, ZoneId.of("Asia/Seoul")).plusDays(3);
        Instant endOfLastDay =
                lastDay.plusDays(1).atStartOfDay(ZoneId.of("Asia/Seoul")).toInstant();
        fixture.given(created(20_000, 10_000))
                .when(new EditCampaign(id, publisher, null, null, null, null, lastDay))
                .expectEvents(new CampaignEdited(id, "Lantern", "", 10_000, endOfLastDay))
                .expectScheduledDeadlineWithName(endOfLastDay, Campaign.END_DEADLINE);
    }

    @Test
    void aPublisherLeavingWithdrawsOnlyWhatStillTakesMoney() {
        SettleHolds refund =
                new SettleHolds(List.of(FundingId.of(id, backer).transferId()), SettleHolds.Settlement.VOID);
        fixture.given(created(20_000, 10_000), funded(backer, 10_000))
                .when(new PublisherLeft(id, publisher))
                .expectEvents(new CampaignWithdrawn(id));
        verify(commands).send(refund);
        fixture.given(created(20_000, 10_000), new CampaignSucceeded(id, 20_000, 2))
                .when(new PublisherLeft(id, publisher))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(created(20_000, 10_000), funded(backer, 10_000))
                .andGivenCurrentTime(endsAt.plusMillis(5))
                .when(new PublisherLeft(id, publisher))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(created(20_000, 10_000), new CampaignWithdrawn(id))
                .when(new PublisherLeft(id, publisher))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(created(20_000, 10_000))
                .when(new PublisherLeft(id, other))
                .expectException(withCode(FundingError.CAMPAIGN_NOT_FOUND));
    }

    /**
     * Decided before the end, a change is recorded when its transaction's last event is applied: after the ledger's
     * locks, which a busy wallet holds. One whose hold or settlement came back after the end fails whole, or a funding
     * would be recorded after the end it was refused from.
     */
    @Test
    void aChangeWhoseLedgerCommandsReturnAfterTheEndIsRefused() {
        doAnswer(sent -> {
                    GenericEventMessage.clock = Clock.fixed(endsAt.plusMillis(43), ZoneOffset.UTC);
                    return null;
                })
                .when(commands)
                .send(any());
        fixture.given(created(30_000, 10_000))
                .when(new FundCampaign(id, backer))
                .expectException(withCode(FundingError.CAMPAIGN_NOT_FUNDING));
        fixture.given(created(30_000, 10_000), funded(backer, 10_000))
                .when(new WithdrawCampaign(id, publisher))
                .expectException(withCode(FundingError.CAMPAIGN_NOT_FUNDING));
        fixture.given(created(30_000, 10_000), funded(backer, 10_000))
                .when(new CancelCampaign(id))
                .expectException(withCode(FundingError.CAMPAIGN_NOT_FUNDING));
    }

    @Test
    void withdrawingOrCancelingRefundsEveryFunding() {
        SettleHolds refund =
                new SettleHolds(List.of(FundingId.of(id, backer).transferId()), SettleHolds.Settlement.VOID);
        fixture.given(created(20_000, 10_000), funded(backer, 10_000))
                .when(new WithdrawCampaign(id, publisher))
                .expectEvents(new CampaignWithdrawn(id));
        fixture.given(created(20_000, 10_000), funded(backer, 10_000))
                .when(new CancelCampaign(id))
                .expectEvents(new CampaignCanceled(id));
        verify(commands, org.mockito.Mockito.times(2)).send(refund);
        fixture.given(created(20_000, 10_000), new CampaignSucceeded(id, 20_000, 2))
                .when(new CancelCampaign(id))
                .expectException(withCode(FundingError.CAMPAIGN_NOT_FUNDING));
    }

    @Test
    void onlyASuccessfulCampaignIsClosedByItsPublisher() {
        fixture.given(created(20_000, 10_000), new CampaignSucceeded(id, 20_000, 2))
                .when(new CloseCampaign(id, publisher))
                .expectEvents(new CampaignClosed(id));
        fixture.given(created(20_000, 10_000))
                .when(new CloseCampaign(id, publisher))
                .expectException(withCode(FundingError.INVALID_TRANSITION));
        fixture.given(created(20_000, 10_000), new CampaignSucceeded(id, 20_000, 2))
                .when(new CloseCampaign(id, other))
                .expectException(withCode(FundingError.CAMPAIGN_NOT_FOUND));
    }
}
