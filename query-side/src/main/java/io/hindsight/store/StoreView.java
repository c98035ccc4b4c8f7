package io.hindsight.store;

import java.time.Instant;
import java.util.List;

/** A store with its menu in the order items were added, each with its current price and availability. */
public record StoreView(
        String storeId,
        String merchantId,
        String name,
        String address,
        String walletId,
        boolean open,
        List<MenuItemView> menu,
        Instant registeredAt,
        Instant updatedAt) {

    public StoreView {
        menu = List.copyOf(menu);
    }

    /** An item of the menu. */
    public record MenuItemView(String menuId, String name, long price, String description, boolean available) {}
}
