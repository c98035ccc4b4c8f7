package io.hindsight.shop;

import io.hindsight.account.api.AccountId;
import io.hindsight.common.AuthenticatedAccount;
import io.hindsight.common.BusinessException;
import io.hindsight.projection.EventHistory;
import io.hindsight.projection.ViewDefinition;
import io.hindsight.projection.Views;
import io.hindsight.shop.api.CartId;
import io.hindsight.shop.api.ShopError;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Reads of carts. A member's carts are numbered, so the newest one is found in the read model and then
 * confirmed against the event store: a cart the projection has not seen yet is still found
 * (read-your-writes right after the first add or a checkout).
 */
@Service
public class CartQueries {

    private final Views views;
    private final EventHistory history;
    private final ViewDefinition<CartView> carts;
    private final EventStore eventStore;
    private final JdbcClient jdbc;

    public CartQueries(
            Views views, EventHistory history, ViewDefinition<CartView> carts, EventStore eventStore, JdbcClient jdbc) {
        this.views = views;
        this.history = history;
        this.carts = carts;
        this.eventStore = eventStore;
        this.jdbc = jdbc;
    }

    /** The member's open cart now, if there is one. */
    public Optional<CartView> openCart(AccountId accountId) {
        long newest = newestCartNumber(accountId);
        if (newest == 0) {
            return Optional.empty();
        }
        return views.current(carts, CartId.of(accountId, newest).value()).filter(CartView::open);
    }

    /** The member's cart that was open at {@code instant}, as it was then. */
    public Optional<CartView> openCartAt(AccountId accountId, Instant instant) {
        long projected = projectedMaxNumber(accountId);
        for (long number = newestCartNumber(accountId); number > projected; number--) {
            Optional<CartView> unprojected =
                    history.asOf(carts, CartId.of(accountId, number).value(), instant);
            if (unprojected.isPresent()) {
                return unprojected.filter(CartView::open);
            }
        }
        long openedBefore = jdbc.sql("""
                        SELECT coalesce(max(cart_number), 0) FROM shop_cart_view
                        WHERE account_id = :account AND opened_at <= :instant""")
                .param("account", accountId.value())
                .param("instant", Timestamp.from(instant))
                .query(Long.class)
                .single();
        if (openedBefore == 0) {
            return Optional.empty();
        }
        return history.asOf(carts, CartId.of(accountId, openedBefore).value(), instant)
                .filter(CartView::open);
    }

    /** Any cart by id, now or as of an instant; only its owner, an ADMIN or an AUDITOR sees it. */
    public CartView cart(CartId cartId, AuthenticatedAccount caller, Instant asOf) {
        if (!cartId.belongsTo(caller.accountId()) && !caller.canAudit()) {
            throw notFound(cartId);
        }
        Optional<CartView> view =
                asOf == null ? views.current(carts, cartId.value()) : history.asOf(carts, cartId.value(), asOf);
        return view.orElseThrow(() -> notFound(cartId));
    }

    private long newestCartNumber(AccountId accountId) {
        long number = projectedMaxNumber(accountId);
        while (eventStore
                .lastSequenceNumberFor(CartId.of(accountId, number + 1).value())
                .isPresent()) {
            number++;
        }
        return number;
    }

    private long projectedMaxNumber(AccountId accountId) {
        return jdbc.sql("SELECT coalesce(max(cart_number), 0) FROM shop_cart_view WHERE account_id = :account")
                .param("account", accountId.value())
                .query(Long.class)
                .single();
    }

    private static BusinessException notFound(CartId cartId) {
        return new BusinessException(ShopError.CART_NOT_FOUND, "No cart %s", cartId);
    }
}
