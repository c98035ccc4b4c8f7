package io.hindsight.store.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.serialization.Revision;

/**
 * The provider, reachable, refused to cancel the payment {@code paymentId} ({@code providerMessage}, as the provider
 * said it, sanitized); the cancellation is tried again later.
 */
@Revision("1")
public record PaymentCancelRefused(
        StoreOrderId orderId,
        StoreId storeId,
        AccountId customerId,
        String paymentId,
        long amount,
        String providerMessage)
        implements StoreOrderEvent {}
