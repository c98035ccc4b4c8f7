package io.hindsight.store.api;

/**
 * A coupon is ISSUED to its recipient, REGISTERED by them, then USED once, or EXPIRED; WITHDRAWN unused when its
 * gift's payment was cancelled at the provider or its recipient left.
 */
public enum CouponStatus {
    ISSUED,
    REGISTERED,
    USED,
    EXPIRED,
    WITHDRAWN
}
