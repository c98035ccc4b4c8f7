package io.hindsight.ledger.api;

/**
 * Everything that can happen to a transfer. Each names both accounts and the amount, so a balance is the fold
 * of its account's transfer events alone: {@code from} is debited, {@code to} credited.
 */
public sealed interface TransferEvent permits FundsTransferred, FundsHeld, HoldPosted, HoldVoided {

    TransferId transferId();

    LedgerAccountId from();

    LedgerAccountId to();

    long amount();

    LedgerCurrency currency();
}
