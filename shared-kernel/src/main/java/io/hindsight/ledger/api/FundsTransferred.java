package io.hindsight.ledger.api;

import java.util.Map;
import org.axonframework.serialization.Revision;

/** {@code amount} moved from one account to another at once (a posted transfer). */
@Revision("1")
public record FundsTransferred(
        TransferId transferId,
        LedgerAccountId from,
        LedgerAccountId to,
        long amount,
        LedgerCurrency currency,
        TransferKind kind,
        Map<String, String> references)
        implements TransferEvent {

    public FundsTransferred {
        references = TransferRequest.sorted(references);
    }
}
