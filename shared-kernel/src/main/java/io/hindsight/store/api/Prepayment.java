package io.hindsight.store.api;

/**
 * How a coupon order was paid for: by the gift behind the coupon, whose payment ({@code paymentId}, the amount
 * collected) the store is credited with when the order completes, or which is cancelled if it is rejected.
 */
public record Prepayment(CouponCode couponCode, String paymentId, long amount) {}
