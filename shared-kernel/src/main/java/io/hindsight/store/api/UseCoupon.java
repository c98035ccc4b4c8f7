package io.hindsight.store.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The recipient orders the coupon's item with it, once: the order {@code orderId} is placed at once. */
public record UseCoupon(
        @TargetAggregateIdentifier CouponCode code, AccountId accountId, StoreOrderId orderId, Delivery delivery)
        implements CouponCommand {}
