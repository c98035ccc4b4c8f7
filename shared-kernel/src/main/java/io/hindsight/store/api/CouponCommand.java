package io.hindsight.store.api;

import io.hindsight.common.BusinessException;
import io.hindsight.common.ToExistingAggregate;

/** A command to a coupon; an unknown code, or another user's coupon, is COUPON_NOT_FOUND. */
public sealed interface CouponCommand extends ToExistingAggregate
        permits RegisterCoupon, UseCoupon, WithdrawCoupon, RecipientLeft {

    CouponCode code();

    @Override
    default BusinessException notFound() {
        return new BusinessException(StoreError.COUPON_NOT_FOUND, "There is no such coupon");
    }
}
