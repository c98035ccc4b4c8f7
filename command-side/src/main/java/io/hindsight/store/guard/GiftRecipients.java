package io.hindsight.store.guard;

import io.hindsight.account.CredentialStore;
import io.hindsight.account.api.AccountId;
import io.hindsight.account.api.Role;
import io.hindsight.common.BusinessException;
import io.hindsight.store.api.StoreError;
import io.hindsight.store.api.StoreId;
import org.springframework.stereotype.Repository;

/**
 * A gift goes to another user who exists and has not resigned, and is bought at a store whose merchant is still
 * there: its coupon is used later, so a store closed for now takes gifts, one whose merchant has left (resigned, or
 * no longer MERCHANT) does not - that coupon could never be served, and the giver's money was held until it expired.
 */
@Repository
public class GiftRecipients {

    private final CredentialStore credentials;

    public GiftRecipients(CredentialStore credentials) {
        this.credentials = credentials;
    }

    /**
     * Share-locks the account's credentials row: a resignation (which updates it) waits for the gift or order paid
     * meanwhile, then winds up what it left (a recipient's coupon is withdrawn); one paid after it finds the account
     * gone. Also asked of an order's customer.
     */
    public boolean isActive(AccountId account) {
        return credentials.activeUnderShareLock(account);
    }

    /**
     * Share-locks the merchant's row too: a resignation or a role change taking MERCHANT away (both update it) racing
     * the gift comes wholly before it or after it; read unlocked, a gift was bought for a store just left.
     */
    public boolean merchantStillServes(AccountId merchant) {
        return credentials
                .lockedById(merchant)
                .filter(c -> !c.resigned() && c.roles().contains(Role.MERCHANT))
                .isPresent();
    }

    public void merchantServesOrRefuse(AccountId merchant, StoreId storeId) {
        if (!merchantStillServes(merchant)) {
            throw new BusinessException(
                    StoreError.STORE_CLOSED, "Store %s has closed for good: its merchant has left", storeId);
        }
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
