package io.hindsight.store.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The provider cancelled, in full or in part, the gift's payment that paid for this coupon order ({@code payment},
 * as the provider now holds it). Not served yet (PLACED, ACCEPTED), the order is refused; a completed one only
 * records it. What the provider still holds is the gift order's to cancel. Sent by the gift order, in its
 * transaction.
 */
public record RefuseCouponOrder(@TargetAggregateIdentifier StoreOrderId orderId, ProviderPayment payment)
        implements StoreOrderCommand {}
