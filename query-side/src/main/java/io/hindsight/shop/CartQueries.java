package io.hindsight.shop;

import io.hindsight.account.api.AccountId;
import io.hindsight.common.AuthenticatedAccount;
import io.hindsight.common.BusinessException;
import io.hindsight.projection.ReadModel;
import io.hindsight.projection.SqlInstants;
import io.hindsight.projection.Where;
import io.hindsight.shop.api.CartId;
import io.hindsight.shop.api.ShopError;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Reads of carts. A member's carts are numbered, so the newest one is found in the read model and then
 * confirmed against the event store: a cart the projection has not seen yet is still found (read-your-writes
 * right after the first add or a checkout).
 */
@Service
public class CartQueries {

    private static final String NEWEST_FIRST = "cart_number DESC";

    private final ReadModel<CartView> carts;

    public CartQueries(ReadModel<CartView> carts) {
        this.carts = carts;
    }

    /** The member's open cart now, if there is one. */
    public Optional<CartView> openCart(AccountId accountId) {
        long newest = newestCartNumber(accountId);
        if (newest == 0) {
            return Optional.empty();
        }
        return carts.current(CartId.of(accountId, newest).value()).filter(CartView::open);
    }

    /** The member's cart that was open at {@code instant}, as it was then. */
    public Optional<CartView> openCartAt(AccountId accountId, Instant instant) {
        long projected = projectedMaxNumber(accountId);
        for (long number = newestCartNumber(accountId); number > projected; number--) {
            Optional<CartView> unprojected =
                    carts.asOf(CartId.of(accountId, number).value(), instant);
            if (unprojected.isPresent()) {
                return unprojected.filter(CartView::open);
            }
        }
        Where openedBefore = Where.is("account_id", accountId.value())
                .and(Where.sql("opened_at <= :instant", Map.of("instant", SqlInstants.bounded(instant))));
        return carts.list(openedBefore, NEWEST_FIRST, 1).stream()
                .findFirst()
                .flatMap(cart -> carts.asOf(cart.cartId(), instant))
                .filter(CartView::open);
    }

    /** Any cart by id, now or as of an instant; only its owner, an ADMIN or an AUDITOR sees it. */
    public CartView cart(CartId cartId, AuthenticatedAccount caller, Instant asOf) {
        if (!cartId.belongsTo(caller.accountId()) && !caller.canAudit()) {
            throw notFound(cartId);
        }
        return carts.find(cartId.value(), asOf).orElseThrow(() -> notFound(cartId));
    }

    private long newestCartNumber(AccountId accountId) {
        long number = projectedMaxNumber(accountId);
        while (carts.current(CartId.of(accountId, number + 1).value()).isPresent()) {
            number++;
        }
        return number;
    }

    private long projectedMaxNumber(AccountId accountId) {
        return carts.list(Where.is("account_id", accountId.value()), NEWEST_FIRST, 1).stream()
                .findFirst()
                .map(CartView::number)
                .orElse(0L);
    }

    private static BusinessException notFound(CartId cartId) {
        return new BusinessException(ShopError.CART_NOT_FOUND, "No cart %s", cartId);
    }
}
