package io.hindsight.store.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The store rejected the order its coupon placed, so the gift is rejected too and its payment is cancelled at the
 * provider: the giver is refunded. Sent by the coupon order as it is rejected, in the same transaction.
 */
public record RejectGift(@TargetAggregateIdentifier StoreOrderId orderId, String reason) implements StoreOrderCommand {}
