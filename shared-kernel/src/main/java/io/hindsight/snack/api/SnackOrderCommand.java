package io.hindsight.snack.api;

import io.hindsight.common.BusinessException;
import io.hindsight.common.ToExistingAggregate;

/** A command to an existing snack order; an unknown one is answered SNACK_ORDER_NOT_FOUND. */
public sealed interface SnackOrderCommand extends ToExistingAggregate
        permits ReviseSnackOrderItems, ChangeSnackOrderStatus, CancelSnackOrder, RequesterLeft {

    SnackOrderId orderId();

    @Override
    default BusinessException notFound() {
        return new BusinessException(SnackError.SNACK_ORDER_NOT_FOUND, "No snack order %s", orderId());
    }
}
