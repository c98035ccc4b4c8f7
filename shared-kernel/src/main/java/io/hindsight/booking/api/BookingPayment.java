package io.hindsight.booking.api;

import io.hindsight.ledger.api.TransferId;

/**
 * What a booking's guest pays through the ledger: the price held in their wallet toward the host's at booking
 * ({@code transferId}), and what became of it - posted to the host at confirmation, voided at cancellation or
 * expiry, or paid back by {@code refundTransferId} when a confirmed booking is canceled.
 */
public record BookingPayment(
        TransferId transferId, long amount, String currency, Status status, TransferId refundTransferId) {

    /** Where the booking's money is. */
    public enum Status {
        /** Held in the guest's wallet: not available to them, not yet the host's. */
        HELD,
        /** Posted: the host's. */
        PAID,
        /** Released: available to the guest again. */
        VOIDED,
        /** Paid, then paid back to the guest. */
        REFUNDED
    }

    public static BookingPayment held(TransferId transferId, long amount, String currency) {
        return new BookingPayment(transferId, amount, currency, Status.HELD, null);
    }

    public BookingPayment paid() {
        return with(Status.PAID, null);
    }

    public BookingPayment voided() {
        return with(Status.VOIDED, null);
    }

    public BookingPayment refunded(TransferId refund) {
        return with(Status.REFUNDED, refund);
    }

    /** After a cancellation: refunded when it names a refund, otherwise the hold was voided. */
    public BookingPayment canceled(TransferId refund) {
        return refund == null ? voided() : refunded(refund);
    }

    private BookingPayment with(Status newStatus, TransferId refund) {
        return new BookingPayment(transferId, amount, currency, newStatus, refund);
    }
}
