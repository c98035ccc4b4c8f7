package io.hindsight.store.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The provider's record of a payment, to the order the provider says it was made for: it places the order only
 * when paid in full and never used before; otherwise it refuses it.
 */
public record VerifyPayment(@TargetAggregateIdentifier StoreOrderId orderId, ProviderPayment payment)
        implements StoreOrderCommand {}
