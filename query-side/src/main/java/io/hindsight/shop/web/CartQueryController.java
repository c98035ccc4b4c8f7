package io.hindsight.shop.web;

import io.hindsight.common.AuthenticatedAccount;
import io.hindsight.query.Paging;
import io.hindsight.query.QueryRole;
import io.hindsight.shop.CartQueries;
import io.hindsight.shop.CartView;
import io.hindsight.shop.ProductQueries;
import io.hindsight.shop.api.CartId;
import io.hindsight.shop.web.ShopResponses.CartPage;
import java.time.Instant;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@QueryRole
@RestController
@PreAuthorize("isAuthenticated()")
public class CartQueryController {

    private final CartQueries carts;
    private final ProductQueries products;

    public CartQueryController(CartQueries carts, ProductQueries products) {
        this.carts = carts;
        this.products = products;
    }

    /** My open cart (an empty one when I have none), or the cart I had open at {@code asOf}, priced as then. */
    @GetMapping("/api/cart")
    public CartPage myCart(
            @AuthenticationPrincipal AuthenticatedAccount me,
            @RequestParam(required = false) Integer offset,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Instant asOf) {
        Paging paging = Paging.of(offset, limit);
        Optional<CartView> cart =
                asOf == null ? carts.openCart(me.accountId()) : carts.openCartAt(me.accountId(), asOf);
        return cart.map(view -> page(view, paging, asOf)).orElseGet(() -> CartPage.empty(paging, asOf));
    }

    /** Any one cart, open or checked out: the owner's, or anyone's for an ADMIN or AUDITOR. */
    @GetMapping("/api/carts/{cartId}")
    public CartPage cart(
            @AuthenticationPrincipal AuthenticatedAccount me,
            @PathVariable String cartId,
            @RequestParam(required = false) Integer offset,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Instant asOf) {
        Paging paging = Paging.of(offset, limit);
        return page(carts.cart(CartId.parse(cartId), me, asOf), paging, asOf);
    }

    /** A checked-out cart is priced as of its checkout, so it matches its receipt. */
    private CartPage page(CartView cart, Paging paging, Instant asOf) {
        Instant pricedAt = cart.checkedOutAt() != null
                        && (asOf == null || cart.checkedOutAt().isBefore(asOf))
                ? cart.checkedOutAt()
                : asOf;
        return CartPage.of(
                cart,
                products.byId(
                        cart.lines().stream().map(CartView.Line::productId).toList(), pricedAt),
                paging,
                asOf);
    }
}
