package io.hindsight.shop;

import io.hindsight.shop.api.CartId;
import io.hindsight.shop.api.ReceiptId;

/** What a checkout issued. */
public record CheckoutResult(ReceiptId receiptId, String orderNumber, CartId cartId, long total) {}
