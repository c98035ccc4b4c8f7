package io.hindsight.ledger;

import io.hindsight.command.Commands;
import io.hindsight.common.BusinessException;
import io.hindsight.ledger.api.LedgerError;
import io.hindsight.ledger.api.PostHold;
import io.hindsight.ledger.api.TransferId;
import io.hindsight.ledger.api.VoidHold;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Settles a hold from the aggregate that placed it (a booking's payment, a store order's points). Nothing else
 * settles such a hold, so finding it settled already means the aggregate decided on state another node has moved
 * on from: a lost race, retried on the winner's state (an accepted order's second accept answers the order), where
 * the ledger's own refusal had reached the client as {@code HOLD_ALREADY_POSTED}.
 */
public final class OwnHolds {

    private OwnHolds() {}

    public static void post(Commands commands, TransferId hold) {
        settle(commands, new PostHold(hold), hold);
    }

    public static void release(Commands commands, TransferId hold) {
        settle(commands, new VoidHold(hold), hold);
    }

    private static void settle(Commands commands, Object settlement, TransferId hold) {
        try {
            commands.send(settlement);
        } catch (BusinessException refused) {
            if (refused.code() == LedgerError.HOLD_ALREADY_POSTED
                    || refused.code() == LedgerError.HOLD_ALREADY_VOIDED) {
                throw new ConcurrencyException("Hold " + hold + " was settled by another transaction", refused);
            }
            throw refused;
        }
    }
}
