package io.hindsight.ledger.api;

import java.util.Locale;

/** The system accounts: the other side of money or points entering or leaving the ledger. */
public enum SystemAccount {
    /** Money users put into their wallets. */
    DEPOSITS(LedgerCurrency.KRW),
    /** Money users take out of their wallets. */
    PAYOUTS(LedgerCurrency.KRW),
    /** Money a payment provider collected for us. */
    PROVIDER(LedgerCurrency.KRW),
    /** Points granted or earned. */
    POINTS_ISSUED(LedgerCurrency.POINT);

    private final LedgerCurrency currency;

    SystemAccount(LedgerCurrency currency) {
        this.currency = currency;
    }

    public LedgerCurrency currency() {
        return currency;
    }

    public LedgerAccountId accountId() {
        return LedgerAccountId.system(this);
    }

    String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
