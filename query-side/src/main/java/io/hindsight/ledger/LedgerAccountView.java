package io.hindsight.ledger;

import io.hindsight.ledger.api.LedgerAccountKind;
import io.hindsight.ledger.api.LedgerCurrency;
import java.time.Instant;

/** A user's or a store's ledger account: what it is for, whose it is, and since when. */
public record LedgerAccountView(
        String accountId, LedgerAccountKind kind, LedgerCurrency currency, String ownerId, Instant openedAt) {}
