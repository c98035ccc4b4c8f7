package io.hindsight.store.guard;

import io.hindsight.account.CredentialStore;
import io.hindsight.account.api.AccountId;
import io.hindsight.common.BusinessException;
import io.hindsight.store.api.StoreError;
import org.springframework.stereotype.Repository;

/** A gift goes to another user who exists and has not resigned. */
@Repository
public class GiftRecipients {

    private final CredentialStore credentials;

    public GiftRecipients(CredentialStore credentials) {
        this.credentials = credentials;
    }

    public boolean isActive(AccountId recipient) {
        return credentials.findById(recipient).filter(c -> !c.resigned()).isPresent();
    }

    public void activeOrRefuse(AccountId recipient, AccountId giver) {
        if (recipient.equals(giver)) {
            throw new BusinessException(StoreError.INVALID_RECIPIENT, "A gift goes to someone else");
        }
        if (!isActive(recipient)) {
            throw new BusinessException(StoreError.RECIPIENT_NOT_FOUND, "There is no user %s to give to", recipient);
        }
    }
}
