package io.hindsight.store.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The gift's coupon ended unused ({@code reason}: it expired, or its recipient left), so nobody can be served for what
 * the giver paid: the gift order is refunded and its payment cancelled at the provider; a free gift has nothing to
 * refund. Sent by the coupon as it ends, in the same transaction.
 */
public record RefundUnusedGift(@TargetAggregateIdentifier StoreOrderId orderId, String reason)
        implements StoreOrderCommand {}
