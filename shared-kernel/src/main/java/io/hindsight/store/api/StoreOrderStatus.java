package io.hindsight.store.api;

/**
 * Where an order stands. AWAITING_PAYMENT until the provider's record of a payment is verified: then PLACED
 * (a gift: GIFTED, its coupon issued), or REFUSED; EXPIRED when no payment came in time. The merchant moves a
 * PLACED order to ACCEPTED or REJECTED, and an ACCEPTED one to COMPLETED; an ADMIN may reject an ACCEPTED one too. A
 * PLACED or ACCEPTED order whose payment the provider cancels by itself is REFUSED, as is a GIFTED one whose coupon
 * was not used or placed an order not served yet. A GIFTED order is REJECTED with the order its coupon placed, or
 * REFUNDED when its coupon expires unused or its recipient leaves.
 */
public enum StoreOrderStatus {
    AWAITING_PAYMENT,
    PLACED,
    GIFTED,
    REFUSED,
    EXPIRED,
    ACCEPTED,
    REJECTED,
    COMPLETED,
    REFUNDED
}
