package io.hindsight.store.api;

/**
 * A payment as the provider's API records it - never as a webhook claims it: its id ({@code imp_uid}), the
 * order it was made for ({@code merchant_uid}), the amount and the status.
 */
public record ProviderPayment(String paymentId, String merchantUid, long amount, ProviderPaymentStatus status) {

    /**
     * The amount of a payment whose reported amount is no whole number of won a {@code long} holds (4000.9, 2^64 +
     * 4000, 4000 US dollars): it matches no amount due, so such a payment is refused and cancelled, never read as a
     * nearby number.
     */
    public static final long NOT_A_WHOLE_AMOUNT = -1;
}
