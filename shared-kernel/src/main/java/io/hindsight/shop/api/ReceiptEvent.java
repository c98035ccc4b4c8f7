package io.hindsight.shop.api;

/** Everything that can happen to a receipt: it is issued once and never changes. */
public sealed interface ReceiptEvent permits ReceiptIssued {

    ReceiptId receiptId();
}
