package io.hindsight.store.api;

import io.hindsight.account.api.AccountId;

/** Everything that can happen to a coupon. */
public sealed interface CouponEvent permits CouponIssued, CouponRegistered, CouponUsed, CouponExpired, CouponWithdrawn {

    CouponCode code();

    AccountId recipientId();
}
