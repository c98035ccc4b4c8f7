package io.hindsight.ledger;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.hindsight.command.CommandRole;
import io.hindsight.common.BusinessException;
import io.hindsight.ledger.api.LedgerAccountId;
import io.hindsight.ledger.api.LedgerAccountKind;
import io.hindsight.ledger.api.LedgerAccountOpened;
import io.hindsight.ledger.api.LedgerError;
import io.hindsight.ledger.api.OpenLedgerAccount;
import io.hindsight.ledger.api.OpenLedgerAccountIfMissing;
import io.hindsight.ledger.guard.LedgerBalances;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A user's or a store's ledger account: when and for whom it was opened. Its balance is not here but in
 * {@link LedgerBalances}, moved by transfers, so that transfers never contend on an account's event stream;
 * the balance row is inserted when the account opens, and its primary key decides which of two openings
 * racing on two nodes wins.
 */
@CommandRole
@Aggregate(filterEventsByType = true)
@Revision("1")
public class LedgerAccount {

    @AggregateIdentifier
    private LedgerAccountId accountId;

    protected LedgerAccount() {}

    @CommandHandler
    public LedgerAccount(OpenLedgerAccount command, LedgerBalances balances) {
        refuseSystem(command.accountId());
        balances.openOrRefuse(command.accountId());
        opened(command.accountId());
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public LedgerBalance handle(OpenLedgerAccountIfMissing command, LedgerBalances balances) {
        if (accountId == null) {
            refuseSystem(command.accountId());
            if (balances.openIfMissing(command.accountId())) {
                opened(command.accountId());
            }
        }
        return balances.balanceOf(command.accountId()).orElseThrow();
    }

    @EventSourcingHandler
    void on(LedgerAccountOpened event) {
        accountId = event.accountId();
    }

    private static void opened(LedgerAccountId accountId) {
        apply(new LedgerAccountOpened(accountId, accountId.kind(), accountId.currency(), accountId.owner()));
    }

    private static void refuseSystem(LedgerAccountId accountId) {
        if (accountId.kind() == LedgerAccountKind.SYSTEM) {
            throw new BusinessException(
                    LedgerError.INVALID_TRANSFER, "System account %s is part of the ledger, never opened", accountId);
        }
    }
}
