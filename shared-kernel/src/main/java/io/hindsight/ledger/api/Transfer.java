package io.hindsight.ledger.api;

import io.hindsight.common.CreatesIfMissing;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Moves {@code amount} from one account (debited) to another (credited) at once. The same transfer id sent
 * again with the same content changes nothing and answers the transfer as it is; with other content it is
 * refused (TRANSFER_EXISTS). {@code references} name what the transfer is about ({@code campaignId}, ...).
 */
public record Transfer(
        @TargetAggregateIdentifier TransferId transferId,
        LedgerAccountId from,
        LedgerAccountId to,
        long amount,
        TransferKind kind,
        Map<String, String> references)
        implements TransferRequest, CreatesIfMissing {

    public Transfer {
        references = TransferRequest.sorted(references);
    }
}
