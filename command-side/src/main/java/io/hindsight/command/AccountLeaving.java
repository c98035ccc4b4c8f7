package io.hindsight.command;

import io.hindsight.account.api.AccountId;

/**
 * What a context winds up, in the resignation's own transaction, of what a resigning account runs there: a store
 * stops taking orders, a space stops taking bookings, a campaign still taking money is withdrawn and refunded. The
 * account context runs every one of them ({@link LeavingAccounts}) without knowing the others.
 */
public interface AccountLeaving {

    void leaving(AccountId accountId, Commands commands);
}
