package io.hindsight.store.api;

/** What an order is: a paid order, a paid gift (which issues a coupon), or an order paid by a coupon. */
public enum StoreOrderKind {
    ORDER,
    GIFT,
    COUPON
}
