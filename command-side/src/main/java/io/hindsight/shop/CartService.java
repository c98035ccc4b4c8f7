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
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Service;

/**
 * Finds the cart a member's command is meant for. A cart can be checked out between looking it up and
 * changing it; the change then fails on the closed cart and is redone on the member's next cart, so an
 * add racing a checkout lands either in the receipt or in the next cart, never in both and never nowhere.
 */
@Service
public class CartService {

    private static final int ATTEMPTS = 5;

    private final Commands commands;
    private final AccountCarts accountCarts;

    public CartService(Commands commands, AccountCarts accountCarts) {
        this.commands = commands;
        this.accountCarts = accountCarts;
    }

    public CartState add(AccountId accountId, ProductId productId, int quantity) {
        return retryingOnRace(
                        () -> Optional.of(accountCarts.cartForNextAdd(accountId)),
                        cartId -> commands.send(new AddCartItem(cartId, accountId, productId, quantity)))
                .orElseThrow();
    }

    /** Lowers a product's quantity in the open cart; without an open cart the product is not in it. */
    public CartState reduce(AccountId accountId, ProductId productId, int quantity) {
        return retryingOnRace(
                        () -> accountCarts.openCartOf(accountId),
                        cartId -> commands.<CartState>send(new ReduceCartItem(cartId, accountId, productId, quantity)))
                .orElseThrow(() -> new BusinessException(
                        ShopError.ITEM_NOT_IN_CART,
                        "Product %s is not in your cart: you have no open cart",
                        productId));
    }

    public CartState remove(AccountId accountId, ProductId productId) {
        return retryingOnRace(
                        () -> accountCarts.openCartOf(accountId),
                        cartId -> commands.<CartState>send(new RemoveCartItem(cartId, accountId, productId)))
                .orElseGet(() -> CartState.none(accountId));
    }

    public CheckoutResult checkOut(AccountId accountId, CartId cartId) {
        if (!cartId.belongsTo(accountId)) {
            throw noCart(cartId);
        }
        try {
            return commands.send(new CheckOutCart(
                    cartId, accountId, ReceiptId.newId(), UUID.randomUUID().toString()));
        } catch (AggregateNotFoundException e) {
            throw noCart(cartId);
        }
    }

    private Optional<CartState> retryingOnRace(Supplier<Optional<CartId>> target, Function<CartId, CartState> change) {
        for (int attempt = 1; ; attempt++) {
            Optional<CartId> cartId = target.get();
            if (cartId.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(change.apply(cartId.get()));
            } catch (BusinessException e) {
                if (attempt >= ATTEMPTS
                        || !(e.code() == ShopError.CART_CHECKED_OUT || e.code() == ShopError.CART_ALREADY_OPEN)) {
                    throw e;
                }
            } catch (AggregateStreamCreationException | ConcurrencyException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static BusinessException noCart(CartId cartId) {
        return new BusinessException(ShopError.CART_NOT_FOUND, "No cart %s", cartId);
    }
}
