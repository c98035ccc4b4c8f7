package io.hindsight.ledger.guard;

import io.hindsight.ledger.api.LedgerAccountId;

/**
 * Points given for nothing paid (an ADMIN's grant) go only to a user who is still there. Asked in the transfer's own
 * transaction, before its balances are locked, so that a resignation racing the grant comes wholly before it (the grant
 * is refused) or wholly after it (the points were granted while the user was there).
 */
public interface PointsRecipients {

    /** Refuses with {@code ACCOUNT_NOT_FOUND} unless the points account's owner is there, and keeps them until commit. */
    void presentOrRefuse(LedgerAccountId points);
}
