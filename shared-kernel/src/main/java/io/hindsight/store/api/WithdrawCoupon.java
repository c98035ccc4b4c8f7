package io.hindsight.store.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The gift behind the coupon lost its payment at the provider ({@code reason}): an unused coupon is withdrawn, so
 * nobody is served for what nobody paid. A used one stays used and names the order it placed, which the gift order
 * deals with. Sent by the gift order, in its transaction.
 */
public record WithdrawCoupon(@TargetAggregateIdentifier CouponCode code, String reason) implements CouponCommand {}
