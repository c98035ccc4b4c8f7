package io.hindsight.shop;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.createNew;

import io.hindsight.account.api.AccountId;
import io.hindsight.command.CommandRole;
import io.hindsight.common.BusinessException;
import io.hindsight.shop.api.AddCartItem;
import io.hindsight.shop.api.CartCheckedOut;
import io.hindsight.shop.api.CartId;
import io.hindsight.shop.api.CartItemAdded;
import io.hindsight.shop.api.CartItemReduced;
import io.hindsight.shop.api.CartItemRemoved;
import io.hindsight.shop.api.CartOpened;
import io.hindsight.shop.api.CheckOutCart;
import io.hindsight.shop.api.ProductId;
import io.hindsight.shop.api.ReceiptIssued;
import io.hindsight.shop.api.ReceiptLine;
import io.hindsight.shop.api.ReduceCartItem;
import io.hindsight.shop.api.RemoveCartItem;
import io.hindsight.shop.api.ShopError;
import io.hindsight.shop.api.ShopRules;
import io.hindsight.shop.guard.OpenCarts;
import io.hindsight.shop.guard.ProductCatalog;
import io.hindsight.shop.guard.ProductCatalog.CatalogEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A member's shopping cart: products and quantities until it is checked out, after which it never changes.
 * Checkout prices the lines from the command-side catalog and issues the receipt in the same transaction.
 */
@CommandRole
@Aggregate(filterEventsByType = true)
@Revision("1")
public class Cart {

    @AggregateIdentifier
    private CartId cartId;

    private AccountId accountId;
    private final Map<ProductId, Integer> lines = new LinkedHashMap<>();
    private boolean checkedOut;

    protected Cart() {}

    /** The first add to a cart id opens the cart; later adds find it. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public CartState handle(AddCartItem command, ProductCatalog catalog, OpenCarts openCarts) {
        boolean opening = cartId == null;
        if (opening) {
            requireOwnId(command.cartId(), command.accountId());
        } else {
            requireOwner(command.accountId());
            requireOpen("add to");
        }
        requireQuantityBetween(command.quantity(), 1, ShopRules.MAX_LINE_QUANTITY);
        catalog.onSaleOrRefuse(command.productId());
        int current = lines.getOrDefault(command.productId(), 0);
        if (current + command.quantity() > ShopRules.MAX_LINE_QUANTITY) {
            throw new BusinessException(
                    ShopError.QUANTITY_LIMIT_EXCEEDED,
                    "Cannot add %d of product %s: the cart has %d and a line holds at most %d",
                    command.quantity(),
                    command.productId(),
                    current,
                    ShopRules.MAX_LINE_QUANTITY);
        }
        if (current == 0 && lines.size() >= ShopRules.MAX_CART_LINES) {
            throw new BusinessException(
                    ShopError.CART_FULL,
                    "Cannot add product %s: cart %s already holds %d products",
                    command.productId(),
                    command.cartId(),
                    ShopRules.MAX_CART_LINES);
        }
        if (opening) {
            openCarts.claimOrRefuse(command.cartId());
            apply(new CartOpened(
                    command.cartId(), command.accountId(), command.cartId().number()));
        }
        apply(new CartItemAdded(command.cartId(), command.productId(), command.quantity()));
        return state();
    }

    @CommandHandler
    public CartState handle(ReduceCartItem command) {
        requireOwner(command.accountId());
        requireOpen("change");
        requireQuantityBetween(command.quantity(), 0, ShopRules.MAX_LINE_QUANTITY);
        Integer current = lines.get(command.productId());
        if (current == null) {
            throw new BusinessException(
                    ShopError.ITEM_NOT_IN_CART, "Product %s is not in cart %s", command.productId(), cartId);
        }
        if (command.quantity() > current) {
            throw new BusinessException(
                    ShopError.QUANTITY_NOT_LOWER,
                    "Cannot raise product %s from %d to %d by a decrease; add it instead",
                    command.productId(),
                    current,
                    command.quantity());
        }
        if (command.quantity() == 0) {
            apply(new CartItemRemoved(cartId, command.productId()));
        } else if (command.quantity() < current) {
            apply(new CartItemReduced(cartId, command.productId(), command.quantity()));
        }
        return state();
    }

    /** Removing a product that is not in the cart changes nothing: the caller gets what they asked for. */
    @CommandHandler
    public CartState handle(RemoveCartItem command) {
        requireOwner(command.accountId());
        requireOpen("change");
        if (lines.containsKey(command.productId())) {
            apply(new CartItemRemoved(cartId, command.productId()));
        }
        return state();
    }

    @CommandHandler
    public CheckoutResult handle(CheckOutCart command, ProductCatalog catalog, OpenCarts openCarts) throws Exception {
        requireOwner(command.accountId());
        if (checkedOut) {
            throw new BusinessException(
                    ShopError.CART_CHECKED_OUT, "Cannot check out cart %s: it is already checked out", cartId);
        }
        if (lines.isEmpty()) {
            throw new BusinessException(ShopError.CART_EMPTY, "Cannot check out cart %s: it is empty", cartId);
        }
        Map<ProductId, CatalogEntry> products = catalog.findAll(lines.keySet());
        List<ReceiptLine> receiptLines = new ArrayList<>();
        long total = 0;
        for (Map.Entry<ProductId, Integer> line : lines.entrySet()) {
            CatalogEntry product = products.get(line.getKey());
            if (product == null || !product.active()) {
                throw new BusinessException(
                        ShopError.PRODUCT_INACTIVE,
                        "Cannot check out cart %s: product %s is no longer sold; remove it first",
                        cartId,
                        line.getKey());
            }
            long lineTotal = product.price() * line.getValue();
            receiptLines.add(
                    new ReceiptLine(product.productId(), product.name(), product.price(), line.getValue(), lineTotal));
            total += lineTotal;
        }
        openCarts.close(cartId);
        apply(new CartCheckedOut(
                cartId, accountId, command.receiptId(), command.orderNumber(), total, ShopRules.CURRENCY));
        ReceiptIssued receipt = new ReceiptIssued(
                command.receiptId(), accountId, cartId, command.orderNumber(), receiptLines, total, ShopRules.CURRENCY);
        createNew(Receipt.class, () -> new Receipt(receipt));
        return new CheckoutResult(command.receiptId(), command.orderNumber(), cartId, total);
    }

    @EventSourcingHandler
    void on(CartOpened event) {
        cartId = event.cartId();
        accountId = event.accountId();
    }

    @EventSourcingHandler
    void on(CartItemAdded event) {
        lines.merge(event.productId(), event.quantity(), Integer::sum);
    }

    @EventSourcingHandler
    void on(CartItemReduced event) {
        lines.put(event.productId(), event.quantity());
    }

    @EventSourcingHandler
    void on(CartItemRemoved event) {
        lines.remove(event.productId());
    }

    @EventSourcingHandler
    void on(CartCheckedOut event) {
        checkedOut = true;
    }

    private CartState state() {
        return new CartState(cartId, accountId, checkedOut, new LinkedHashMap<>(lines));
    }

    /** Someone else's cart is reported as missing, never as forbidden. */
    private void requireOwner(AccountId caller) {
        if (!accountId.equals(caller)) {
            throw new BusinessException(ShopError.CART_NOT_FOUND, "No cart %s", cartId);
        }
    }

    private static void requireOwnId(CartId cartId, AccountId caller) {
        if (!cartId.belongsTo(caller)) {
            throw new BusinessException(ShopError.CART_NOT_FOUND, "No cart %s", cartId);
        }
    }

    private void requireOpen(String action) {
        if (checkedOut) {
            throw new BusinessException(
                    ShopError.CART_CHECKED_OUT, "Cannot %s cart %s: it is checked out", action, cartId);
        }
    }

    private static void requireQuantityBetween(int quantity, int min, int max) {
        if (quantity < min || quantity > max) {
            throw new BusinessException(
                    ShopError.INVALID_QUANTITY, "A quantity must be between %d and %d, not %d", min, max, quantity);
        }
    }
}
