package io.hindsight.ledger;

import io.hindsight.command.Commands;
import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import io.hindsight.common.CreatesIfMissing;
import io.hindsight.ledger.api.Hold;
import io.hindsight.ledger.api.LedgerAccountId;
import io.hindsight.ledger.api.TransferId;
import io.hindsight.ledger.api.TransferKind;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.springframework.stereotype.Component;

/**
 * A test-only command handler of another context that holds money in the ledger from inside its own
 * command handling, and then either succeeds or breaks one of its own rules.
 */
@Component
public class LedgerNestingProbe {

    @CommandHandler
    public TransferOutcome handle(HoldThenDecide command, Commands commands) {
        TransferOutcome held = commands.send(new Hold(
                command.transferId(), command.from(), command.to(), command.amount(), TransferKind.FUNDING, Map.of()));
        if (command.refuseAfterHolding()) {
            throw new BusinessException(
                    CommonError.VALIDATION_FAILED, "Refused after holding %s", command.transferId());
        }
        return held;
    }

    /** Holds money, then refuses (or not) in the same command. */
    public record HoldThenDecide(
            TransferId transferId, LedgerAccountId from, LedgerAccountId to, long amount, boolean refuseAfterHolding)
            implements CreatesIfMissing {}
}
