package io.hindsight.store.guard;

import io.hindsight.account.CredentialStore;
import io.hindsight.account.api.AccountError;
import io.hindsight.account.api.AccountId;
import io.hindsight.command.CommandRole;
import io.hindsight.common.BusinessException;
import io.hindsight.ledger.api.LedgerAccountId;
import io.hindsight.ledger.guard.PointsRecipients;
import org.springframework.stereotype.Component;

/**
 * Share-locks the owner's credentials row, which a resignation updates before it winds up anything else: the same
 * order as every other guard that waits for a resignation ({@link GiftRecipients}).
 */
@CommandRole
@Component
public class ActivePointsRecipients implements PointsRecipients {

    private final CredentialStore credentials;

    public ActivePointsRecipients(CredentialStore credentials) {
        this.credentials = credentials;
    }

    @Override
    public void presentOrRefuse(LedgerAccountId points) {
        AccountId owner = AccountId.of(points.owner());
        if (!credentials.activeUnderShareLock(owner)) {
            throw new BusinessException(AccountError.ACCOUNT_NOT_FOUND, "No account %s", owner);
        }
    }
}
