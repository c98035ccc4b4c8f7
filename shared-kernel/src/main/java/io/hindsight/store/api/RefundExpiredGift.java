package io.hindsight.store.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The gift's coupon expired unused, so nobody can be served for what the giver paid: the gift order is refunded
 * and its payment cancelled at the provider. Sent by the coupon as it expires, in the same transaction.
 */
public record RefundExpiredGift(@TargetAggregateIdentifier StoreOrderId orderId) implements StoreOrderCommand {}
