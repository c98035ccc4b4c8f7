package io.hindsight.ledger;

import io.hindsight.ledger.api.LedgerAccountId;
import io.hindsight.ledger.api.LedgerCurrency;

/**
 * A ledger account's balance as the command side keeps it: {@code balance} is what is available (posted
 * credits less posted and pending debits), {@code held} what pending debits reserve.
 */
public record LedgerBalance(LedgerAccountId accountId, LedgerCurrency currency, long balance, long held) {

    public static LedgerBalance of(
            LedgerAccountId accountId, long debitsPending, long debitsPosted, long creditsPending, long creditsPosted) {
        return new LedgerBalance(
                accountId, accountId.currency(), creditsPosted - debitsPosted - debitsPending, debitsPending);
    }
}
