package io.hindsight.store.api;

/**
 * How a coupon order was paid for: by the gift behind the coupon, whose payment ({@code paymentId}, the amount
 * collected) the store is credited with when the order completes. Rejecting the order rejects the gift order
 * ({@code giftOrderId}), which cancels its payment; coupon orders placed before the gift order was named here have
 * it null and cancel the payment themselves.
 */
public record Prepayment(CouponCode couponCode, String paymentId, long amount, StoreOrderId giftOrderId) {}
