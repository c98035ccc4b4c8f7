package io.hindsight.shop.api;

/** One product on a receipt, priced as it was at checkout. */
public record ReceiptLine(ProductId productId, String name, long unitPrice, int quantity, long lineTotal) {}
