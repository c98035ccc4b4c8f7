package io.hindsight.store.web;

import io.hindsight.account.api.AccountId;
import io.hindsight.command.CommandRole;
import io.hindsight.command.Commands;
import io.hindsight.command.WholeNumbers;
import io.hindsight.common.AuthenticatedAccount;
import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import io.hindsight.common.MultilineText;
import io.hindsight.ledger.api.LedgerRules;
import io.hindsight.store.Coupon;
import io.hindsight.store.StoreOrderState;
import io.hindsight.store.api.AcceptStoreOrder;
import io.hindsight.store.api.CompleteStoreOrder;
import io.hindsight.store.api.CouponCode;
import io.hindsight.store.api.Delivery;
import io.hindsight.store.api.MenuId;
import io.hindsight.store.api.OrderItem;
import io.hindsight.store.api.PlaceGiftOrder;
import io.hindsight.store.api.PlaceStoreOrder;
import io.hindsight.store.api.RejectStoreOrder;
import io.hindsight.store.api.StoreError;
import io.hindsight.store.api.StoreOrderId;
import io.hindsight.store.api.StoreOrderStatus;
import io.hindsight.store.api.StoreRules;
import io.hindsight.store.api.UseCoupon;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Ordering, gifts and coupon orders for users; accepting, rejecting and completing for the store's merchant. */
@CommandRole
@RestController
public class StoreOrderCommandController {

    private final Commands commands;

    public StoreOrderCommandController(Commands commands) {
        this.commands = commands;
    }

    @PreAuthorize("isAuthenticated()")
    @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
    @PostMapping("/api/store-orders")
    public ResponseEntity<OrderPlaced> order(
            @AuthenticationPrincipal AuthenticatedAccount me, @Valid @RequestBody OrderRequest request) {
        StoreOrderId orderId = StoreOrderId.newId();
        StoreOrderState order = commands.send(new PlaceStoreOrder(
                orderId,
                me.accountId(),
                StoreCommandController.store(request.storeId()),
                request.items().stream()
                        .map(item -> new OrderItem(menu(item.menuId()), item.wholeQuantity()))
                        .toList(),
                request.delivery().toDelivery(),
                request.points() == null
                        ? 0
                        : WholeNumbers.between(
                                request.points(), 0, LedgerRules.MAX_AMOUNT, "points", StoreError.INVALID_POINTS)));
        return ResponseEntity.created(URI.create("/api/store-orders/" + orderId))
                .body(new OrderPlaced(orderId.value(), order.amountDue(), order.pointsUsed(), order.status()));
    }

    @PreAuthorize("isAuthenticated()")
    @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
    @PostMapping("/api/gifts")
    public ResponseEntity<GiftPlaced> gift(
            @AuthenticationPrincipal AuthenticatedAccount me, @Valid @RequestBody GiftRequest request) {
        StoreOrderId orderId = StoreOrderId.newId();
        String recipientId = request.recipientAccountId().trim();
        AccountId recipient = AccountId.parse(recipientId).orElse(AccountId.of(recipientId));
        StoreOrderState order = commands.send(new PlaceGiftOrder(
                orderId,
                UUID.randomUUID().toString(),
                me.accountId(),
                recipient,
                StoreCommandController.store(request.storeId()),
                menu(request.menuId()),
                request.message()));
        return ResponseEntity.created(URI.create("/api/store-orders/" + orderId))
                .body(new GiftPlaced(order.giftId(), orderId.value(), order.amountDue(), order.status()));
    }

    @PreAuthorize("isAuthenticated()")
    @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
    @PostMapping("/api/store-orders/with-coupon")
    public ResponseEntity<CouponOrderPlaced> orderWithCoupon(
            @AuthenticationPrincipal AuthenticatedAccount me, @Valid @RequestBody CouponOrderRequest request) {
        StoreOrderId orderId = StoreOrderId.newId();
        commands.<Coupon.CouponState>send(new UseCoupon(
                coupon(request.couponCode()),
                me.accountId(),
                orderId,
                request.delivery().toDelivery()));
        return ResponseEntity.created(URI.create("/api/store-orders/" + orderId))
                .body(new CouponOrderPlaced(orderId.value(), StoreOrderStatus.PLACED));
    }

    @PreAuthorize("hasRole('MERCHANT')")
    @PostMapping("/api/store-orders/{orderId}/accept")
    public StoreOrderState accept(@AuthenticationPrincipal AuthenticatedAccount me, @PathVariable String orderId) {
        return commands.send(new AcceptStoreOrder(order(orderId), me.accountId()));
    }

    /** The store's merchant, or an ADMIN for any store (a resigned merchant's placed orders are refunded so). */
    @PreAuthorize("hasAnyRole('MERCHANT', 'ADMIN')")
    @PostMapping("/api/store-orders/{orderId}/reject")
    public StoreOrderState reject(
            @AuthenticationPrincipal AuthenticatedAccount me,
            @PathVariable String orderId,
            @Valid @RequestBody(required = false) RejectRequest request) {
        return commands.send(new RejectStoreOrder(
                order(orderId), me.accountId(), request == null ? null : request.reason(), me.isAdmin()));
    }

    @PreAuthorize("hasRole('MERCHANT')")
    @PostMapping("/api/store-orders/{orderId}/complete")
    public StoreOrderState complete(@AuthenticationPrincipal AuthenticatedAccount me, @PathVariable String orderId) {
        return commands.send(new CompleteStoreOrder(order(orderId), me.accountId()));
    }

    static CouponCode coupon(String code) {
        return CouponCode.parse(code)
                .orElseThrow(() -> new BusinessException(StoreError.COUPON_NOT_FOUND, "There is no such coupon"));
    }

    private static StoreOrderId order(String orderId) {
        return StoreOrderId.parse(orderId)
                .orElseThrow(() ->
                        new BusinessException(StoreError.STORE_ORDER_NOT_FOUND, "There is no store order %s", orderId));
    }

    private static MenuId menu(String menuId) {
        return MenuId.parse(menuId)
                .orElseThrow(() -> new BusinessException(StoreError.UNKNOWN_MENU, "There is no menu item %s", menuId));
    }

    public record OrderRequest(
            @NotBlank @Size(max = 64) String storeId,

            @NotNull @Size(min = 1, max = StoreRules.MAX_ORDER_ITEMS) List<@NotNull @Valid ItemRequest> items,

            @NotNull @Valid DeliveryRequest delivery,
            BigDecimal points) {}

    public record ItemRequest(@NotBlank @Size(max = 64) String menuId, BigDecimal quantity) {

        int wholeQuantity() {
            return (int) WholeNumbers.between(
                    quantity, 1, StoreRules.MAX_QUANTITY, "quantity", CommonError.VALIDATION_FAILED);
        }
    }

    public record DeliveryRequest(
            @NotBlank @Size(max = StoreRules.MAX_ADDRESS_LENGTH) String address,

            @MultilineText @Size(max = StoreRules.MAX_REQUEST_LENGTH) String request) {

        Delivery toDelivery() {
            return new Delivery(address, request);
        }
    }

    public record GiftRequest(
            @NotBlank @Size(max = 64) String recipientAccountId,
            @NotBlank @Size(max = 64) String storeId,
            @NotBlank @Size(max = 64) String menuId,

            @MultilineText @Size(max = StoreRules.MAX_MESSAGE_LENGTH) String message) {}

    public record CouponOrderRequest(
            @NotBlank @Size(max = 64) String couponCode,
            @NotNull @Valid DeliveryRequest delivery) {}

    public record RejectRequest(
            @Size(max = StoreRules.MAX_REASON_LENGTH) String reason) {}

    public record OrderPlaced(String orderId, long amountDue, long pointsUsed, StoreOrderStatus status) {}

    public record GiftPlaced(String giftId, String orderId, long amountDue, StoreOrderStatus status) {}

    public record CouponOrderPlaced(String orderId, StoreOrderStatus status) {}
}
