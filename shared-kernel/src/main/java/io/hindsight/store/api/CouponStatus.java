package io.hindsight.store.api;

/** A coupon is ISSUED to its recipient, REGISTERED by them, then USED once, or EXPIRED. */
public enum CouponStatus {
    ISSUED,
    REGISTERED,
    USED,
    EXPIRED
}
