package io.hindsight.store.api;

import io.hindsight.account.api.AccountId;
import io.hindsight.common.BusinessException;
import io.hindsight.common.ToExistingAggregate;

/** A recipient's command to a coupon; an unknown code, or another user's coupon, is COUPON_NOT_FOUND. */
public sealed interface CouponCommand extends ToExistingAggregate permits RegisterCoupon, UseCoupon {

    CouponCode code();

    AccountId accountId();

    @Override
    default BusinessException notFound() {
        return new BusinessException(StoreError.COUPON_NOT_FOUND, "There is no such coupon");
    }
}
