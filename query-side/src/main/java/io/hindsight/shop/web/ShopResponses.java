package io.hindsight.shop.web;

import io.hindsight.query.Paging;
import io.hindsight.shop.CartView;
import io.hindsight.shop.ProductView;
import io.hindsight.shop.ReceiptView;
import io.hindsight.shop.api.ShopRules;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Response bodies of the shop reads. */
final class ShopResponses {

    private ShopResponses() {}

    record ProductSummary(String productId, String name, long price, String currency, String imageUrl, boolean active) {

        static ProductSummary of(ProductView view) {
            return new ProductSummary(
                    view.productId(), view.name(), view.price(), view.currency(), view.imageUrl(), view.active());
        }
    }

    /**
     * A cart priced with the products as they are now (or were at {@code asOf}). {@code total} is the amount
     * of all lines, {@code itemCount} the pieces, {@code lineCount} the products; the page covers lines.
     */
    record CartPage(
            String cartId,
            String status,
            List<CartItem> items,
            long total,
            String currency,
            int itemCount,
            int lineCount,
            int offset,
            int limit,
            Instant openedAt,
            Instant checkedOutAt,
            String receiptId,
            Instant asOf) {

        static CartPage empty(Paging paging, Instant asOf) {
            return new CartPage(
                    null,
                    null,
                    List.of(),
                    0,
                    ShopRules.CURRENCY,
                    0,
                    0,
                    paging.offset(),
                    paging.limit(),
                    null,
                    null,
                    null,
                    asOf);
        }

        static CartPage of(CartView cart, Map<String, ProductView> products, Paging paging, Instant asOf) {
            List<CartItem> all = cart.lines().stream()
                    .map(line -> CartItem.of(line, products.get(line.productId())))
                    .toList();
            List<CartItem> page =
                    all.stream().skip(paging.offset()).limit(paging.limit()).toList();
            return new CartPage(
                    cart.cartId(),
                    cart.status().name(),
                    page,
                    all.stream().mapToLong(CartItem::lineTotal).sum(),
                    ShopRules.CURRENCY,
                    all.stream().mapToInt(CartItem::quantity).sum(),
                    all.size(),
                    paging.offset(),
                    paging.limit(),
                    cart.openedAt(),
                    cart.checkedOutAt(),
                    cart.receiptId(),
                    asOf);
        }
    }

    /** {@code available} is false for a product that is no longer sold (checkout would refuse it). */
    record CartItem(String productId, String name, long unitPrice, int quantity, long lineTotal, boolean available) {

        static CartItem of(CartView.Line line, ProductView product) {
            long unitPrice = product == null ? 0 : product.price();
            return new CartItem(
                    line.productId(),
                    product == null ? null : product.name(),
                    unitPrice,
                    line.quantity(),
                    unitPrice * line.quantity(),
                    product != null && product.active());
        }
    }

    record ReceiptSummary(
            String receiptId,
            String orderNumber,
            String cartId,
            Instant orderedAt,
            long total,
            String currency,
            int itemCount) {

        static ReceiptSummary of(ReceiptView view) {
            return new ReceiptSummary(
                    view.receiptId(),
                    view.orderNumber(),
                    view.cartId(),
                    view.orderedAt(),
                    view.total(),
                    view.currency(),
                    view.itemCount());
        }
    }
}
