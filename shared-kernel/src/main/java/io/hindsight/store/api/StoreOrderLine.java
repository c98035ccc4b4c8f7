package io.hindsight.store.api;

/** A line of an order as recorded: the menu item with its name and price when ordered. */
public record StoreOrderLine(MenuId menuId, String name, long unitPrice, int quantity) {

    public long lineTotal() {
        return unitPrice * quantity;
    }
}
