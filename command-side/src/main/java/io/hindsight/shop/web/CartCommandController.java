package io.hindsight.shop.web;

import io.hindsight.command.CommandRole;
import io.hindsight.command.WholeNumbers;
import io.hindsight.common.AuthenticatedAccount;
import io.hindsight.shop.CartService;
import io.hindsight.shop.CartState;
import io.hindsight.shop.CheckoutResult;
import io.hindsight.shop.api.CartId;
import io.hindsight.shop.api.ProductId;
import io.hindsight.shop.api.ShopError;
import io.hindsight.shop.api.ShopRules;
import io.hindsight.shop.guard.ProductCatalog;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Changes to the caller's own cart. Every answer is the whole cart right after the change. */
@CommandRole
@RestController
@RequestMapping("/api/cart")
@PreAuthorize("isAuthenticated()")
public class CartCommandController {

    private final CartService carts;
    private final ProductCatalog catalog;

    public CartCommandController(CartService carts, ProductCatalog catalog) {
        this.carts = carts;
        this.catalog = catalog;
    }

    @PostMapping("/items")
    public CartResponse add(
            @AuthenticationPrincipal AuthenticatedAccount me, @Valid @RequestBody AddItemRequest request) {
        int quantity = request.quantity() == null ? 1 : quantity(request.quantity(), 1);
        return respond(carts.add(me.accountId(), ProductId.parse(request.productId()), quantity));
    }

    @PatchMapping("/items/{productId}")
    public CartResponse reduce(
            @AuthenticationPrincipal AuthenticatedAccount me,
            @PathVariable String productId,
            @Valid @RequestBody ReduceItemRequest request) {
        ProductId product = ProductId.parse(productId);
        return respond(carts.reduce(me.accountId(), product, quantity(request.quantity(), 0)));
    }

    @DeleteMapping("/items/{productId}")
    public CartResponse remove(@AuthenticationPrincipal AuthenticatedAccount me, @PathVariable String productId) {
        return respond(carts.remove(me.accountId(), ProductId.parse(productId)));
    }

    @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
    @PostMapping("/checkout")
    public ResponseEntity<CheckoutResponse> checkOut(
            @AuthenticationPrincipal AuthenticatedAccount me, @Valid @RequestBody CheckoutRequest request) {
        CheckoutResult result = carts.checkOut(me.accountId(), CartId.parse(request.cartId()));
        return ResponseEntity.created(URI.create("/api/receipts/" + result.receiptId()))
                .body(new CheckoutResponse(
                        result.receiptId().value(),
                        result.orderNumber(),
                        result.cartId().value(),
                        result.total(),
                        ShopRules.CURRENCY));
    }

    private CartResponse respond(CartState state) {
        return CartResponse.of(state, catalog.describeAll(state.lines().keySet()));
    }

    private static int quantity(BigDecimal quantity, int min) {
        return (int) WholeNumbers.between(
                quantity, min, ShopRules.MAX_LINE_QUANTITY, "quantity", ShopError.INVALID_QUANTITY);
    }

    public record AddItemRequest(@NotNull @Size(max = 100) String productId, BigDecimal quantity) {}

    public record ReduceItemRequest(BigDecimal quantity) {}

    public record CheckoutRequest(@NotNull @Size(max = 200) String cartId) {}

    public record CheckoutResponse(String receiptId, String orderNumber, String cartId, long total, String currency) {}
}
