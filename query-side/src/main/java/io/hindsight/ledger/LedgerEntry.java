package io.hindsight.ledger;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.hindsight.ledger.api.TransferKind;
import io.hindsight.ledger.api.TransferStatus;
import java.time.Instant;
import java.util.Map;

/**
 * One transfer as one account sees it: {@code amount} is positive when it came in, negative when it went out;
 * the transfer's references ({@code campaignId}, ...) appear as fields of their own.
 */
public record LedgerEntry(
        String transferId,
        TransferKind kind,
        long amount,
        TransferStatus status,
        Instant at,
        String counterparty,
        @JsonIgnore Map<String, String> references) {

    @JsonAnyGetter
    public Map<String, String> referenceFields() {
        return references;
    }
}
