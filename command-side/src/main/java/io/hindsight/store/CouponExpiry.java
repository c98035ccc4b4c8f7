package io.hindsight.store;

import io.hindsight.store.api.CouponCode;

/** The deadline payload that ends a coupon's validity. */
public record CouponExpiry(CouponCode code) {}
