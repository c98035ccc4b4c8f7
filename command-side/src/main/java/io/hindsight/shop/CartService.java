package io.hindsight.shop;

import io.hindsight.account.api.AccountId;
import io.hindsight.command.Commands;
import io.hindsight.common.BusinessException;
import io.hindsight.shop.api.AddCartItem;
import io.hindsight.shop.api.CartId;
import io.hindsight.shop.api.CheckOutCart;
import io.hindsight.shop.api.ProductId;
import io.hindsight.shop.api.ReceiptId;
import io.hindsight.shop.api.ReduceCartItem;
import io.hindsight.shop.api.RemoveCartItem;
import io.hindsight.shop.api.ShopError;
import io.hindsight.shop.guard.OpenCarts;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;

/**
 * Finds the cart a member's command is meant for: the member's current cart. That cart can be checked out
 * between looking it up and changing it; the change is then refused on the closed cart and redone on the
 * member's next cart, so an add racing a checkout lands either in the receipt or in the next cart, never in
 * both and never nowhere. (Races on the event store are the command gateway's to retry.)
 */
@Service
public class CartService {

    /** Each retarget follows a checkout by the same member, so a few are plenty. */
    private static final int TARGETS = 5;

    private final Commands commands;
    private final OpenCarts openCarts;

    public CartService(Commands commands, OpenCarts openCarts) {
        this.commands = commands;
        this.openCarts = openCarts;
    }

    public CartState add(AccountId accountId, ProductId productId, int quantity) {
        return onCurrentCart(
                        () -> Optional.of(openCarts.cartForNextAdd(accountId)),
                        cartId -> commands.send(new AddCartItem(cartId, accountId, productId, quantity)))
                .orElseThrow();
    }

    /** Lowers a product's quantity in the open cart; without an open cart the product is not in it. */
    public CartState reduce(AccountId accountId, ProductId productId, int quantity) {
        return onCurrentCart(
                        () -> openCarts.openCartOf(accountId),
                        cartId -> commands.<CartState>send(new ReduceCartItem(cartId, accountId, productId, quantity)))
                .orElseThrow(() -> new BusinessException(
                        ShopError.ITEM_NOT_IN_CART,
                        "Product %s is not in your cart: you have no open cart",
                        productId));
    }

    public CartState remove(AccountId accountId, ProductId productId) {
        return onCurrentCart(
                        () -> openCarts.openCartOf(accountId),
                        cartId -> commands.<CartState>send(new RemoveCartItem(cartId, accountId, productId)))
                .orElseGet(() -> CartState.none(accountId));
    }

    public CheckoutResult checkOut(AccountId accountId, CartId cartId) {
        if (!cartId.belongsTo(accountId)) {
            throw new BusinessException(ShopError.CART_NOT_FOUND, "No cart %s", cartId);
        }
        return commands.send(new CheckOutCart(
                cartId, accountId, ReceiptId.newId(), UUID.randomUUID().toString()));
    }

    /** Sends the change to the member's current cart, and to the next one when that was checked out meanwhile. */
    private Optional<CartState> onCurrentCart(Supplier<Optional<CartId>> current, Function<CartId, CartState> change) {
        for (int target = 1; ; target++) {
            Optional<CartId> cartId = current.get();
            if (cartId.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(change.apply(cartId.get()));
            } catch (BusinessException refused) {
                if (refused.code() != ShopError.CART_CHECKED_OUT || target == TARGETS) {
                    throw refused;
                }
            }
        }
    }
}
