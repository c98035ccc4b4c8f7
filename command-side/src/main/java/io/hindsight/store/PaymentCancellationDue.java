package io.hindsight.store;

/** The deadline payload that cancels a payment at the provider; retried with back-off until it is done. */
public record PaymentCancellationDue(String paymentId, long amount, String reason) {}
