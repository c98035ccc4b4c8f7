package io.hindsight.shop;

import java.time.Instant;
import java.util.List;

/**
 * A cart: its lines (product and quantity, in the order products were first added) and, once checked
 * out, the receipt it was turned into. Names and prices are not part of it: they come from the products.
 */
public record CartView(
        String cartId,
        String accountId,
        long number,
        Status status,
        List<Line> lines,
        Instant openedAt,
        Instant checkedOutAt,
        String receiptId,
        String orderNumber,
        Long paidTotal) {

    public CartView {
        lines = List.copyOf(lines);
    }

    public boolean open() {
        return status == Status.OPEN;
    }

    public enum Status {
        OPEN,
        CHECKED_OUT
    }

    /** One product in the cart. */
    public record Line(String productId, int quantity) {}
}
