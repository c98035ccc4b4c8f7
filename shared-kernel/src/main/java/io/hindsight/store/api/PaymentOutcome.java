package io.hindsight.store.api;

/**
 * What a payment notification did: PLACED the order (or paid the gift), REFUSED it (a paid payment is then
 * cancelled at the provider), recorded that the provider CANCELLED (in full or in part) the payment that had paid
 * for the order, was a DUPLICATE of one handled before, or was IGNORED (the provider knows no such payment, it names
 * no order of ours, or it is not final yet).
 */
public enum PaymentOutcome {
    PLACED,
    REFUSED,
    CANCELLED,
    DUPLICATE,
    IGNORED
}
