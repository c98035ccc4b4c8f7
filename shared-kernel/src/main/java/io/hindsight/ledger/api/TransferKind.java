package io.hindsight.ledger.api;

/** Why money or points moved; shown with each transaction. Contexts add the kinds they need. */
public enum TransferKind {
    DEPOSIT,
    WITHDRAWAL,
    FUNDING,
    /** Points an order spends, held until the merchant accepts or the order ends otherwise. */
    STORE_ORDER_POINTS,
    /**
     * Points an accepted store order had spent, given back to the customer when the order ends unserved (an ADMIN
     * rejects it, or the provider cancels its payment).
     */
    STORE_ORDER_POINTS_RETURNED,
    /** What the provider collected for a completed store order, paid to the store's wallet. */
    STORE_SALE,
    /** Points a customer earned with a completed store order. */
    POINTS_EARNED,
    /** Points an ADMIN granted, with a reason. */
    POINTS_GRANTED,
    /** A booking's price, held in the guest's wallet toward the host's until the booking is confirmed. */
    BOOKING,
    /** A confirmed booking's price, paid back from the host's wallet to the guest's when it is canceled. */
    BOOKING_REFUND
}
