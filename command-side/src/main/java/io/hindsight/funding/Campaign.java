package io.hindsight.funding;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.hindsight.account.api.AccountId;
import io.hindsight.command.CommandRole;
import io.hindsight.command.Commands;
import io.hindsight.command.SystemDeadlines;
import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import io.hindsight.common.LookAlikes;
import io.hindsight.funding.api.CampaignCanceled;
import io.hindsight.funding.api.CampaignClosed;
import io.hindsight.funding.api.CampaignCreated;
import io.hindsight.funding.api.CampaignEdited;
import io.hindsight.funding.api.CampaignFailed;
import io.hindsight.funding.api.CampaignFunded;
import io.hindsight.funding.api.CampaignId;
import io.hindsight.funding.api.CampaignStatus;
import io.hindsight.funding.api.CampaignSucceeded;
import io.hindsight.funding.api.CampaignWithdrawn;
import io.hindsight.funding.api.CancelCampaign;
import io.hindsight.funding.api.CloseCampaign;
import io.hindsight.funding.api.CreateCampaign;
import io.hindsight.funding.api.EditCampaign;
import io.hindsight.funding.api.FundCampaign;
import io.hindsight.funding.api.FundingError;
import io.hindsight.funding.api.FundingId;
import io.hindsight.funding.api.FundingRules;
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
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A crowdfunding campaign. Every funding, the end, a withdrawal and a cancellation go through this one
 * aggregate, so the event store's (aggregate id, sequence) key orders them: a funding racing the end lands
 * before it (and is settled with the others) or after it (and is refused); a second node firing the end
 * again finds the campaign ended. Money never sits here: a funding holds it in the backer's wallet, and the
 * end posts or voids those holds in the ledger, all within the command's own transaction.
 */
@CommandRole
@Aggregate(filterEventsByType = true)
@Revision("3")
public class Campaign {

    public static final String END_DEADLINE = "campaign-end";

    @AggregateIdentifier
    private CampaignId campaignId;

    private AccountId publisherId;
    private String title;
    private String description;
    private long targetAmount;
    private long fundingUnit;
    private Instant endsAt;
    /** Where the campaign's days are counted: an end given as a day is the end of that day here. */
    private String zone;

    private CampaignStatus status;
    /** The sum and number of its backings: who backed it, and by which hold, is {@link CampaignBackings}'s. */
    private long totalFunded;

    private int backers;

    protected Campaign() {}

    @CommandHandler
    public Campaign(
            CreateCampaign command,
            Commands commands,
            CampaignPublishers publishers,
            DeadlineManager deadlines,
            MetaData metaData) {
        Instant now = now();
        String cleanTitle = titleOrRefuse(command.title());
        String cleanDescription = descriptionOrRefuse(command.description());
        amountOrRefuse("targetAmount", command.targetAmount());
        amountOrRefuse("fundingUnit", command.fundingUnit());
        endOrRefuse(command.endsAt(), now);
        zoneOrRefuse(command.zone());
        commands.send(new OpenLedgerAccountIfMissing(LedgerAccountId.wallet(command.publisherId())));
        publishers.record(command.campaignId(), command.publisherId());
        apply(new CampaignCreated(
                command.campaignId(),
                command.publisherId(),
                cleanTitle,
                cleanDescription,
                command.targetAmount(),
                command.fundingUnit(),
                command.endsAt(),
                command.zone()));
        scheduleEnd(command.campaignId(), command.endsAt(), deadlines, metaData);
    }

    @CommandHandler
    public FundingState handle(FundCampaign command, Commands commands, CampaignBackings backings) {
        requireExists();
        if (command.backerId().equals(publisherId)) {
            throw new BusinessException(
                    FundingError.PUBLISHER_CANNOT_FUND, "Cannot fund campaign %s: you publish it", campaignId);
        }
        requireFunding("fund");
        FundingId fundingId = FundingId.of(campaignId, command.backerId());
        TransferId transferId = fundingId.transferId();
        if (!backings.record(campaignId, command.backerId(), transferId)) {
            throw new BusinessException(
                    FundingError.ALREADY_FUNDED, "Cannot fund campaign %s again: you funded it already", campaignId);
        }
        if (command.agreedAmount() != null && command.agreedAmount() != fundingUnit) {
            throw new BusinessException(
                    FundingError.FUNDING_UNIT_CHANGED,
                    "Cannot fund campaign %s with %d: its funding unit is %d now",
                    campaignId,
                    command.agreedAmount(),
                    fundingUnit);
        }
        commands.send(new Hold(
                transferId,
                LedgerAccountId.wallet(command.backerId()),
                LedgerAccountId.wallet(publisherId),
                fundingUnit,
                TransferKind.FUNDING,
                Map.of("campaignId", campaignId.value(), "fundingId", fundingId.value())));
        apply(new CampaignFunded(campaignId, fundingId, command.backerId(), fundingUnit, transferId));
        requireBeforeEnd("fund");
        return new FundingState(fundingId.value(), campaignId.value(), fundingUnit);
    }

    @CommandHandler
    public CampaignState handle(EditCampaign command, DeadlineManager deadlines, MetaData metaData) {
        requirePublisher(command.publisherId());
        if (command.title() == null
                && command.description() == null
                && command.fundingUnit() == null
                && command.endsAt() == null
                && command.endsOn() == null) {
            throw new BusinessException(
                    FundingError.NOTHING_TO_CHANGE,
                    "Send at least one of title, description, fundingUnit, endsAt, endsOn");
        }
        requireFunding("edit");
        String newTitle = command.title() == null ? title : titleOrRefuse(command.title());
        String newDescription =
                command.description() == null ? description : descriptionOrRefuse(command.description());
        long newUnit =
                command.fundingUnit() == null ? fundingUnit : amountOrRefuse("fundingUnit", command.fundingUnit());
        Instant requestedEnd = command.endsOn() == null
                ? command.endsAt()
                : command.endsOn().plusDays(1).atStartOfDay(ZoneId.of(zone)).toInstant();
        Instant newEnd = requestedEnd == null ? endsAt : endOrRefuse(requestedEnd, now());
        boolean endMoved = !newEnd.equals(endsAt);
        if (!newTitle.equals(title)
                || !Objects.equals(newDescription, description)
                || newUnit != fundingUnit
                || endMoved) {
            apply(new CampaignEdited(campaignId, newTitle, newDescription, newUnit, newEnd));
            if (endMoved) {
                scheduleEnd(campaignId, newEnd, deadlines, metaData);
            }
        }
        return state();
    }

    @CommandHandler
    public CampaignState handle(
            WithdrawCampaign command, Commands commands, CampaignBackings backings, CampaignPublishers publishers) {
        requirePublisher(command.publisherId());
        requireFunding("withdraw");
        apply(new CampaignWithdrawn(campaignId));
        settle(commands, backings, publishers, SettleHolds.Settlement.VOID);
        requireBeforeEnd("withdraw");
        return state();
    }

    @CommandHandler
    public CampaignState handle(
            PublisherLeft command, Commands commands, CampaignBackings backings, CampaignPublishers publishers) {
        // one the publisher withdrew is wound up already, and must not hold back their resignation
        if (status == CampaignStatus.WITHDRAWN) {
            return state();
        }
        requirePublisher(command.publisherId());
        // a campaign whose funding has ended keeps the outcome its end deadline is about to record
        if (status == CampaignStatus.FUNDING && now().isBefore(endsAt)) {
            apply(new CampaignWithdrawn(campaignId));
            settle(commands, backings, publishers, SettleHolds.Settlement.VOID);
        }
        return state();
    }

    @CommandHandler
    public CampaignState handle(
            CancelCampaign command, Commands commands, CampaignBackings backings, CampaignPublishers publishers) {
        requireExists();
        if (status == CampaignStatus.CANCEL) {
            return state();
        }
        requireFunding("cancel");
        apply(new CampaignCanceled(campaignId));
        settle(commands, backings, publishers, SettleHolds.Settlement.VOID);
        requireBeforeEnd("cancel");
        return state();
    }

    @CommandHandler
    public CampaignState handle(CloseCampaign command) {
        requirePublisher(command.publisherId());
        if (status == CampaignStatus.CLOSED) {
            return state();
        }
        if (status != CampaignStatus.SUCCESS) {
            throw new BusinessException(
                    FundingError.INVALID_TRANSITION,
                    "Cannot close campaign %s: it is %s, and only a SUCCESS campaign is closed",
                    campaignId,
                    status);
        }
        apply(new CampaignClosed(campaignId));
        return state();
    }

    /**
     * The end: the target reached posts every hold to the publisher's wallet, otherwise every hold is voided.
     * A deadline for an end that was moved since, or that comes again (a retry, a second node), does nothing.
     */
    @DeadlineHandler(deadlineName = END_DEADLINE)
    void on(CampaignEnd end, Commands commands, CampaignBackings backings, CampaignPublishers publishers) {
        if (status != CampaignStatus.FUNDING || !end.endsAt().equals(endsAt)) {
            return;
        }
        if (totalFunded >= targetAmount) {
            apply(new CampaignSucceeded(campaignId, totalFunded, backers));
            settle(commands, backings, publishers, SettleHolds.Settlement.POST);
        } else {
            apply(new CampaignFailed(campaignId, totalFunded, backers));
            settle(commands, backings, publishers, SettleHolds.Settlement.VOID);
        }
    }

    @EventSourcingHandler
    void on(CampaignCreated event) {
        campaignId = event.campaignId();
        publisherId = event.publisherId();
        title = event.title();
        description = event.description();
        targetAmount = event.targetAmount();
        fundingUnit = event.fundingUnit();
        endsAt = event.endsAt();
        zone = event.zone();
        status = CampaignStatus.FUNDING;
    }

    @EventSourcingHandler
    void on(CampaignEdited event) {
        title = event.title();
        description = event.description();
        fundingUnit = event.fundingUnit();
        endsAt = event.endsAt();
    }

    @EventSourcingHandler
    void on(CampaignFunded event) {
        totalFunded += event.amount();
        backers++;
    }

    @EventSourcingHandler
    void on(CampaignSucceeded event) {
        status = CampaignStatus.SUCCESS;
    }

    @EventSourcingHandler
    void on(CampaignFailed event) {
        status = CampaignStatus.CANCEL;
    }

    @EventSourcingHandler
    void on(CampaignCanceled event) {
        status = CampaignStatus.CANCEL;
    }

    @EventSourcingHandler
    void on(CampaignWithdrawn event) {
        status = CampaignStatus.WITHDRAWN;
    }

    @EventSourcingHandler
    void on(CampaignClosed event) {
        status = CampaignStatus.CLOSED;
    }

    /** Every end settles the campaign's holds, and takes it off its publisher's open campaigns. */
    private void settle(
            Commands commands,
            CampaignBackings backings,
            CampaignPublishers publishers,
            SettleHolds.Settlement settlement) {
        publishers.recordEnd(campaignId);
        List<TransferId> holds = backings.holdsOf(campaignId);
        if (!holds.isEmpty()) {
            commands.send(new SettleHolds(holds, settlement));
        }
    }

    /** Events applied while the aggregate is being constructed reach its state later: take the values given. */
    private static void scheduleEnd(CampaignId id, Instant end, DeadlineManager deadlines, MetaData metaData) {
        deadlines.schedule(end, END_DEADLINE, SystemDeadlines.message(new CampaignEnd(id, end), metaData));
    }

    /** A withdrawn campaign is gone for everyone. */
    private void requireExists() {
        if (status == CampaignStatus.WITHDRAWN) {
            throw new BusinessException(FundingError.CAMPAIGN_NOT_FOUND, "There is no campaign %s", campaignId);
        }
    }

    /** Only its publisher sees a campaign to change it; to anyone else there is no such campaign to change. */
    private void requirePublisher(AccountId caller) {
        requireExists();
        if (!publisherId.equals(caller)) {
            throw new BusinessException(FundingError.CAMPAIGN_NOT_FOUND, "You publish no campaign %s", campaignId);
        }
    }

    /** Funding until its end: after {@code endsAt} the campaign waits for its end to settle it. */
    private void requireFunding(String action) {
        if (status != CampaignStatus.FUNDING) {
            throw new BusinessException(
                    FundingError.CAMPAIGN_NOT_FUNDING, "Cannot %s campaign %s: it is %s", action, campaignId, status);
        }
        requireBeforeEnd(action);
    }

    /**
     * Before the end, also once all is applied: a change is recorded at the instant of its transaction's last event,
     * after the locks its ledger commands waited for (a busy wallet). Under contention a funding decided 40 ms before
     * the end was recorded 43 ms after it; checked again at the close of its handler, it fails whole instead.
     */
    private void requireBeforeEnd(String action) {
        if (!now().isBefore(endsAt)) {
            throw new BusinessException(
                    FundingError.CAMPAIGN_NOT_FUNDING,
                    "Cannot %s campaign %s: its funding ended at %s",
                    action,
                    campaignId,
                    endsAt);
        }
    }

    private CampaignState state() {
        return new CampaignState(
                campaignId.value(),
                title,
                description,
                targetAmount,
                fundingUnit,
                endsAt,
                status,
                totalFunded,
                backers);
    }

    /** A title that shows nothing is refused like an empty one, as a space's or a snack's is. */
    private static String titleOrRefuse(String title) {
        if (title == null
                || LookAlikes.showsNothing(title)
                || LookAlikes.trimmed(title).length() > FundingRules.MAX_TITLE_LENGTH) {
            throw new BusinessException(
                    CommonError.VALIDATION_FAILED,
                    "A title has 1 to %d characters that show",
                    FundingRules.MAX_TITLE_LENGTH);
        }
        return LookAlikes.trimmed(title);
    }

    private static String descriptionOrRefuse(String description) {
        if (description != null && description.length() > FundingRules.MAX_DESCRIPTION_LENGTH) {
            throw new BusinessException(
                    FundingError.INVALID_CAMPAIGN,
                    "A description has at most %d characters",
                    FundingRules.MAX_DESCRIPTION_LENGTH);
        }
        return description == null || description.isBlank() ? "" : LookAlikes.trimmed(description);
    }

    private static long amountOrRefuse(String field, long amount) {
        if (amount < 1 || amount > FundingRules.MAX_AMOUNT) {
            throw new BusinessException(
                    FundingError.INVALID_CAMPAIGN,
                    "%s is between 1 and %d, not %d",
                    field,
                    FundingRules.MAX_AMOUNT,
                    amount);
        }
        return amount;
    }

    private static Instant endOrRefuse(Instant end, Instant now) {
        if (end == null || !end.isAfter(now)) {
            throw new BusinessException(FundingError.INVALID_END, "A campaign ends in the future, not at %s", end);
        }
        if (end.isAfter(now.plus(Duration.ofDays(FundingRules.MAX_DAYS)))) {
            throw new BusinessException(
                    FundingError.INVALID_END, "A campaign ends within %d days, not at %s", FundingRules.MAX_DAYS, end);
        }
        return end;
    }

    private static void zoneOrRefuse(String zone) {
        try {
            ZoneId.of(zone);
        } catch (DateTimeException | NullPointerException unknown) {
            throw new BusinessException(FundingError.INVALID_END, "Unknown time zone %s", zone);
        }
    }

    /** The cluster's clock in the application, the fixture's in tests. */
    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }
}
