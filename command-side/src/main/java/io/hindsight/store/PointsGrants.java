package io.hindsight.store;

import io.hindsight.account.CredentialStore;
import io.hindsight.account.api.AccountError;
import io.hindsight.account.api.AccountId;
import io.hindsight.command.CommandRole;
import io.hindsight.command.Commands;
import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import io.hindsight.common.LookAlikes;
import io.hindsight.ledger.TransferOutcome;
import io.hindsight.ledger.api.LedgerAccountId;
import io.hindsight.ledger.api.OpenLedgerAccountIfMissing;
import io.hindsight.ledger.api.SystemAccount;
import io.hindsight.ledger.api.Transfer;
import io.hindsight.ledger.api.TransferId;
import io.hindsight.ledger.api.TransferKind;
import java.util.Map;
import org.springframework.stereotype.Service;

/** An ADMIN grants a user points, with a reason that the user's points history shows. */
@CommandRole
@Service
public class PointsGrants {

    private final Commands commands;
    private final CredentialStore credentials;

    public PointsGrants(Commands commands, CredentialStore credentials) {
        this.commands = commands;
        this.credentials = credentials;
    }

    /** Answers the user's available points after the grant. */
    public long grant(AccountId accountId, long amount, String reason) {
        if (reason == null || LookAlikes.showsNothing(reason)) {
            // the user reads it in the points history: one of only invisible characters showed as no reason at all
            throw new BusinessException(CommonError.VALIDATION_FAILED, "A grant of points needs a reason to show");
        }
        credentials
                .findById(accountId)
                .filter(c -> !c.resigned())
                .orElseThrow(() -> new BusinessException(AccountError.ACCOUNT_NOT_FOUND, "No account %s", accountId));
        LedgerAccountId points = LedgerAccountId.points(accountId);
        commands.send(new OpenLedgerAccountIfMissing(points));
        TransferOutcome granted = commands.send(new Transfer(
                TransferId.newId(),
                SystemAccount.POINTS_ISSUED.accountId(),
                points,
                amount,
                TransferKind.POINTS_GRANTED,
                Map.of("reason", reason)));
        return granted.to().balance();
    }
}
