package io.hindsight.store.payment;

/**
 * The provider, reachable and answering, refused to cancel a payment it still holds as paid (a cancellation period
 * over, a settlement in progress): not an outage, but something an operator may have to look at.
 */
public class CancelRefused extends RuntimeException {

    private final String providerMessage;

    public CancelRefused(String paymentId, String providerMessage) {
        super("The payment provider refused to cancel payment " + paymentId + ": " + providerMessage);
        this.providerMessage = providerMessage;
    }

    /** What the provider answered, sanitized: single-line text of bounded length. */
    public String providerMessage() {
        return providerMessage;
    }
}
