package io.hindsight.ledger;

import io.hindsight.ledger.api.TransferId;
import io.hindsight.ledger.api.TransferStatus;

/** A transfer right after a ledger command, with the balances of both its accounts then. */
public record TransferOutcome(TransferId transferId, TransferStatus status, LedgerBalance from, LedgerBalance to) {}
