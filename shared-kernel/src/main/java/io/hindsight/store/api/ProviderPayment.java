package io.hindsight.store.api;

/**
 * A payment as the provider's API records it - never as a webhook claims it: its id ({@code imp_uid}), the
 * order it was made for ({@code merchant_uid}), the amount and the status.
 */
public record ProviderPayment(String paymentId, String merchantUid, long amount, ProviderPaymentStatus status) {}
