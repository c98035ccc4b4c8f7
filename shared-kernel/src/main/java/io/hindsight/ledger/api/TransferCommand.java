package io.hindsight.ledger.api;

import io.hindsight.common.BusinessException;
import io.hindsight.common.ToExistingAggregate;

/** A command to an existing transfer; an unknown one is answered TRANSFER_NOT_FOUND. */
public sealed interface TransferCommand extends ToExistingAggregate permits PostHold, VoidHold {

    TransferId transferId();

    @Override
    default BusinessException notFound() {
        return new BusinessException(LedgerError.TRANSFER_NOT_FOUND, "There is no transfer %s", transferId());
    }
}
