package io.hindsight.ledger.api;

import io.hindsight.common.CreatesIfMissing;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Reserves {@code amount} of the {@code from} account for the {@code to} account: a pending transfer, taken
 * from the available balance at once and later posted ({@link PostHold}) or voided ({@link VoidHold}),
 * exactly once. Sent again with the same id and content it changes nothing.
 */
public record Hold(
        @TargetAggregateIdentifier TransferId transferId,
        LedgerAccountId from,
        LedgerAccountId to,
        long amount,
        TransferKind kind,
        Map<String, String> references)
        implements TransferRequest, CreatesIfMissing {

    public Hold {
        references = TransferRequest.sorted(references);
    }
}
