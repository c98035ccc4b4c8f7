package io.hindsight.ledger;

import io.hindsight.command.CommandRole;
import io.hindsight.ledger.api.LedgerAccountId;
import io.hindsight.ledger.api.SettleHolds;
import io.hindsight.ledger.api.TransferId;
import io.hindsight.ledger.guard.LedgerBalances;
import io.hindsight.ledger.guard.SummedHoldMoves;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Posts or voids many holds as one step. Each hold is settled by its own transfer aggregate, as with
 * {@code PostHold}/{@code VoidHold}; what this adds is the lock order: the rows of every account involved are
 * locked first, in account id order, so a settlement touching many accounts never deadlocks with the
 * two-account transfers that run meanwhile; and the balances move once per account, not twice per hold.
 */
@CommandRole
@Component
public class HoldSettlement {

    private final ObjectProvider<Repository<LedgerTransfer>> transfers;

    public HoldSettlement(ObjectProvider<Repository<LedgerTransfer>> transfers) {
        this.transfers = transfers;
    }

    @CommandHandler
    public int handle(SettleHolds command, LedgerBalances balances) {
        List<Aggregate<LedgerTransfer>> holds = new ArrayList<>();
        Set<LedgerAccountId> accounts = new LinkedHashSet<>();
        for (TransferId transferId : command.transferIds()) {
            Aggregate<LedgerTransfer> hold = transfers.getObject().load(transferId.value());
            hold.execute(transfer -> {
                accounts.add(transfer.from());
                accounts.add(transfer.to());
            });
            holds.add(hold);
        }
        balances.lockOrRefuse(accounts);
        SummedHoldMoves moves = balances.summedMoves();
        for (Aggregate<LedgerTransfer> hold : holds) {
            switch (command.settlement()) {
                case POST -> hold.execute(transfer -> transfer.post(moves));
                case VOID -> hold.execute(transfer -> transfer.voidHold(moves));
            }
        }
        moves.write();
        return holds.size();
    }
}
