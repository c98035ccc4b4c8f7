package io.hindsight.shop;

import io.hindsight.shop.api.ReceiptLine;
import java.time.Instant;
import java.util.List;

/** A receipt exactly as it was issued: the lines carry the names and prices in force at checkout. */
public record ReceiptView(
        String receiptId,
        String accountId,
        String cartId,
        String orderNumber,
        Instant orderedAt,
        List<ReceiptLine> lines,
        long total,
        String currency,
        int itemCount) {

    public ReceiptView {
        lines = List.copyOf(lines);
    }
}
