package io.hindsight.ledger;

import io.hindsight.ledger.api.LedgerCurrency;
import io.hindsight.ledger.api.TransferKind;
import io.hindsight.ledger.api.TransferStatus;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** One transfer: {@code from} debited, {@code to} credited, with its state and when it changed. */
public record TransferView(
        String transferId,
        TransferKind kind,
        String from,
        String to,
        long amount,
        LedgerCurrency currency,
        boolean hold,
        TransferStatus status,
        Map<String, String> references,
        Instant createdAt,
        Instant postedAt,
        Instant voidedAt) {

    public TransferView {
        references = new TreeMap<>(references);
    }

    TransferView settled(TransferStatus newStatus, Instant at) {
        return new TransferView(
                transferId,
                kind,
                from,
                to,
                amount,
                currency,
                hold,
                newStatus,
                references,
                createdAt,
                newStatus == TransferStatus.POSTED ? at : postedAt,
                newStatus == TransferStatus.VOIDED ? at : voidedAt);
    }
}
