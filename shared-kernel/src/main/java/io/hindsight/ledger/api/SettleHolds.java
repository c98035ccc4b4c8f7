package io.hindsight.ledger.api;

import io.hindsight.common.BusinessException;
import io.hindsight.common.ToExistingAggregate;
import java.util.List;

/**
 * Posts or voids many holds in one transaction, as one all-or-nothing step: every account involved is locked
 * first, in one order, so that settling many holds never deadlocks with other transfers. Holds already settled
 * the same way are left as they are.
 */
public record SettleHolds(List<TransferId> transferIds, Settlement settlement) implements ToExistingAggregate {

    public SettleHolds {
        transferIds = transferIds.stream()
                .distinct()
                .sorted((a, b) -> a.value().compareTo(b.value()))
                .toList();
    }

    /** What becomes of the holds. */
    public enum Settlement {
        POST,
        VOID
    }

    @Override
    public BusinessException notFound() {
        return new BusinessException(LedgerError.TRANSFER_NOT_FOUND, "One of the transfers %s is missing", transferIds);
    }
}
