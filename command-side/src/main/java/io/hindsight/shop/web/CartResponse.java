package io.hindsight.shop.web;

import io.hindsight.shop.CartState;
import io.hindsight.shop.api.ProductId;
import io.hindsight.shop.api.ShopRules;
import io.hindsight.shop.guard.ProductCatalog.CatalogEntry;
import java.util.List;
import java.util.Map;

/**
 * The cart as {@code GET /api/cart} shows it, priced from the command-side catalog. {@code total} is the
 * amount to pay, {@code itemCount} the number of pieces and {@code lineCount} the number of products.
 */
public record CartResponse(
        String cartId,
        String status,
        List<Item> items,
        long total,
        String currency,
        int itemCount,
        int lineCount,
        int offset,
        int limit) {

    static CartResponse of(CartState state, Map<ProductId, CatalogEntry> products) {
        List<Item> items = state.lines().entrySet().stream()
                .map(line -> Item.of(line.getKey(), line.getValue(), products.get(line.getKey())))
                .toList();
        return new CartResponse(
                state.cartId() == null ? null : state.cartId().value(),
                state.cartId() == null ? null : state.checkedOut() ? "CHECKED_OUT" : "OPEN",
                items,
                items.stream().mapToLong(Item::lineTotal).sum(),
                ShopRules.CURRENCY,
                items.stream().mapToInt(Item::quantity).sum(),
                items.size(),
                0,
                ShopRules.MAX_CART_LINES);
    }

    public record Item(String productId, String name, long unitPrice, int quantity, long lineTotal, boolean available) {

        static Item of(ProductId productId, int quantity, CatalogEntry product) {
            long unitPrice = product == null ? 0 : product.price();
            return new Item(
                    productId.value(),
                    product == null ? null : product.name(),
                    unitPrice,
                    quantity,
                    unitPrice * quantity,
                    product != null && product.active());
        }
    }
}
