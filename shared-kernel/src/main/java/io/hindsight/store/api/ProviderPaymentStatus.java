package io.hindsight.store.api;

import java.util.Locale;
import java.util.Optional;

/** A payment's status as the provider records it (PortOne v1: ready, paid, cancelled, failed). */
public enum ProviderPaymentStatus {
    READY,
    PAID,
    CANCELLED,
    FAILED;

    public static Optional<ProviderPaymentStatus> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(text.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
