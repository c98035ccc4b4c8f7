package io.hindsight.ledger.api;

import java.util.Map;
import org.axonframework.serialization.Revision;

/** {@code amount} of one account was reserved for another (a pending transfer). */
@Revision("1")
public record FundsHeld(
        TransferId transferId,
        LedgerAccountId from,
        LedgerAccountId to,
        long amount,
        LedgerCurrency currency,
        TransferKind kind,
        Map<String, String> references)
        implements TransferEvent {

    public FundsHeld {
        references = TransferRequest.sorted(references);
    }
}
