package io.hindsight.snack.api;

/** A line of an order as recorded: the snack, its name and unit price when the line was written. */
public record SnackOrderLine(SnackId snackId, String name, int quantity, long unitPrice, String currency) {

    public long lineTotal() {
        return unitPrice * quantity;
    }
}
