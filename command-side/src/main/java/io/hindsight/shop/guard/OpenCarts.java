package io.hindsight.shop.guard;

import io.hindsight.account.api.AccountId;
import io.hindsight.common.BusinessException;
import io.hindsight.shop.api.CartId;
import io.hindsight.shop.api.ShopError;
import java.util.Optional;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * At most one open cart per account: {@code shop_account_cart} holds each account's newest cart and
 * whether it is open. Claims and closes run in the cart command's transaction.
 */
@Repository
public class OpenCarts {

    private final JdbcClient jdbc;

    public OpenCarts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The open cart of the account, if any. */
    public Optional<CartId> openCartOf(AccountId accountId) {
        return newest(accountId).filter(NewestCart::open).map(NewestCart::cartId);
    }

    /** The cart the account's next add goes to: its open cart, or the next number after its last one. */
    public CartId cartForNextAdd(AccountId accountId) {
        return newest(accountId)
                .map(newest -> newest.open()
                        ? newest.cartId()
                        : CartId.of(accountId, newest.cartId().number() + 1))
                .orElse(CartId.of(accountId, 1));
    }

    /**
     * Makes {@code cartId} the account's open cart, or refuses with CART_ALREADY_OPEN when another cart is
     * open or a newer one exists; a concurrent claim waits on the row. The cart being open already is a
     * racing first add to the same cart, which the event store's key decides.
     */
    public void claimOrRefuse(CartId cartId) {
        int claimed = jdbc.sql("""
                        INSERT INTO shop_account_cart (account_id, cart_number, open) VALUES (:account, :number, true)
                        ON CONFLICT (account_id) DO UPDATE SET cart_number = excluded.cart_number, open = true
                        WHERE shop_account_cart.cart_number = excluded.cart_number AND shop_account_cart.open
                           OR shop_account_cart.cart_number < excluded.cart_number AND NOT shop_account_cart.open""")
                .param("account", cartId.accountId().value())
                .param("number", cartId.number())
                .update();
        if (claimed == 0) {
            throw new BusinessException(
                    ShopError.CART_ALREADY_OPEN,
                    "Cannot open cart %s: account %s has another open or newer cart",
                    cartId,
                    cartId.accountId());
        }
    }

    public void close(CartId cartId) {
        int closed = jdbc.sql("""
                        UPDATE shop_account_cart SET open = false
                        WHERE account_id = :account AND cart_number = :number AND open""")
                .param("account", cartId.accountId().value())
                .param("number", cartId.number())
                .update();
        if (closed == 0) {
            // the cart was open when this node loaded it: another node checked it out meanwhile, and the retry
            // decides on its state (CART_CHECKED_OUT) where this had been a 500
            throw new ConcurrencyException("Cart " + cartId + " was closed by another transaction");
        }
    }

    private Optional<NewestCart> newest(AccountId accountId) {
        return jdbc.sql("SELECT cart_number, open FROM shop_account_cart WHERE account_id = :account")
                .param("account", accountId.value())
                .query((rs, n) ->
                        new NewestCart(CartId.of(accountId, rs.getLong("cart_number")), rs.getBoolean("open")))
                .optional();
    }

    private record NewestCart(CartId cartId, boolean open) {}
}
