package io.hindsight.store.payment;

import io.hindsight.store.api.ProviderPayment;
import java.util.Optional;

/**
 * The payment provider's API as the stores context uses it. Either call fails with PAYMENT_PROVIDER_UNAVAILABLE
 * when the provider cannot be reached or answers with a server error, so that nothing is decided on a guess.
 */
public interface PaymentProvider {

    /** The provider's record of the payment, or empty when the provider knows no such payment. */
    Optional<ProviderPayment> find(String paymentId);

    /**
     * Cancels (refunds) what is left of the payment; a payment the provider holds as cancelled already counts as done.
     * A provider that answers but will not cancel a payment it holds as paid fails with {@link CancelRefused}.
     */
    void cancel(String paymentId, String reason);
}
