package io.hindsight.snack;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.hindsight.command.CommandRole;
import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import io.hindsight.snack.api.ReactToSnack;
import io.hindsight.snack.api.ReactionType;
import io.hindsight.snack.api.SnackError;
import io.hindsight.snack.api.SnackReacted;
import io.hindsight.snack.api.SnackReactionId;
import io.hindsight.snack.api.SnackReactionWithdrawn;
import io.hindsight.snack.api.WithdrawSnackReaction;
import io.hindsight.snack.guard.SnackReactionTally;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One member's reaction to one snack: LIKE, HATE or none. Created by the member's first reaction; the
 * snack's tally moves in the same transaction as the event.
 */
@CommandRole
@Aggregate(filterEventsByType = true)
@Revision("1")
public class SnackReaction {

    @AggregateIdentifier
    private SnackReactionId reactionId;

    private ReactionType current;

    protected SnackReaction() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public ReactionCounts handle(ReactToSnack command, SnackReactionTally tally) {
        if (command.reaction() == null) {
            throw new BusinessException(CommonError.VALIDATION_FAILED, "A reaction is LIKE or HATE");
        }
        if (command.reaction() == current) {
            throw new BusinessException(
                    SnackError.DUPLICATE_REACTION,
                    "You already %s snack %s; send the other reaction to switch, or withdraw it",
                    current == ReactionType.LIKE ? "like" : "hate",
                    command.reactionId().snackId());
        }
        ReactionCounts counts = tally.moveOrRefuse(command.reactionId().snackId(), current, command.reaction());
        apply(new SnackReacted(command.reactionId(), command.reaction(), current));
        return counts;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public ReactionCounts handle(WithdrawSnackReaction command, SnackReactionTally tally) {
        if (current == null) {
            return tally.countsOrRefuse(command.reactionId().snackId());
        }
        ReactionCounts counts = tally.moveOrRefuse(command.reactionId().snackId(), current, null);
        apply(new SnackReactionWithdrawn(command.reactionId(), current));
        return counts;
    }

    @EventSourcingHandler
    void on(SnackReacted event) {
        reactionId = event.reactionId();
        current = event.reaction();
    }

    @EventSourcingHandler
    void on(SnackReactionWithdrawn event) {
        current = null;
    }
}
