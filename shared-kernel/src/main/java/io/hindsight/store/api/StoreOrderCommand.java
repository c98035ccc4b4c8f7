package io.hindsight.store.api;

import io.hindsight.common.BusinessException;
import io.hindsight.common.ToExistingAggregate;

/** A command to an existing order; an unknown one is answered STORE_ORDER_NOT_FOUND. */
public sealed interface StoreOrderCommand extends ToExistingAggregate
        permits VerifyPayment,
                AcceptStoreOrder,
                RejectStoreOrder,
                CompleteStoreOrder,
                RejectGift,
                RefundUnusedGift,
                RefuseCouponOrder {

    StoreOrderId orderId();

    @Override
    default BusinessException notFound() {
        return new BusinessException(StoreError.STORE_ORDER_NOT_FOUND, "There is no store order %s", orderId());
    }
}
