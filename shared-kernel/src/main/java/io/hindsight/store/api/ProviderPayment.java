package io.hindsight.store.api;

/**
 * A payment as the provider's API records it - never as a webhook claims it: its id ({@code imp_uid}), the
 * order it was made for ({@code merchant_uid}), the amount, the status and how much of it the provider has cancelled
 * ({@code cancel_amount}: PortOne v1 keeps a partly cancelled payment {@code paid}).
 */
public record ProviderPayment(
        String paymentId, String merchantUid, long amount, ProviderPaymentStatus status, long cancelledAmount) {

    /** A payment with nothing cancelled. */
    public ProviderPayment(String paymentId, String merchantUid, long amount, ProviderPaymentStatus status) {
        this(paymentId, merchantUid, amount, status, status == ProviderPaymentStatus.CANCELLED ? amount : 0);
    }

    /** The provider has given back all of it or part of it: what it holds no longer pays what was due. */
    public boolean cancelledInAnyPart() {
        return status == ProviderPaymentStatus.CANCELLED
                || (status == ProviderPaymentStatus.PAID && cancelledAmount > 0);
    }

    /**
     * The amount of a payment whose reported amount is no whole number of won a {@code long} holds (4000.9, 2^64 +
     * 4000, 4000 US dollars): it matches no amount due, so such a payment is refused and cancelled, never read as a
     * nearby number.
     */
    public static final long NOT_A_WHOLE_AMOUNT = -1;
}
