package io.hindsight.snack.web;

import io.hindsight.command.CommandRole;
import io.hindsight.command.Commands;
import io.hindsight.command.WholeNumbers;
import io.hindsight.common.AuthenticatedAccount;
import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import io.hindsight.snack.SnackOrderState;
import io.hindsight.snack.api.CancelSnackOrder;
import io.hindsight.snack.api.ChangeSnackOrderStatus;
import io.hindsight.snack.api.CreateSnackOrder;
import io.hindsight.snack.api.ReviseSnackOrderItems;
import io.hindsight.snack.api.SnackError;
import io.hindsight.snack.api.SnackId;
import io.hindsight.snack.api.SnackOrderId;
import io.hindsight.snack.api.SnackOrderItem;
import io.hindsight.snack.api.SnackOrderStatus;
import io.hindsight.snack.api.SnackRules;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@CommandRole
@RestController
@RequestMapping("/api/snack-orders")
public class SnackOrderCommandController {

    private final Commands commands;

    public SnackOrderCommandController(Commands commands) {
        this.commands = commands;
    }

    @PreAuthorize("isAuthenticated()")
    @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
    @PostMapping
    public ResponseEntity<CreatedResponse> create(
            @AuthenticationPrincipal AuthenticatedAccount me, @Valid @RequestBody ItemsRequest request) {
        SnackOrderId orderId = SnackOrderId.newId();
        commands.send(new CreateSnackOrder(orderId, me.accountId(), request.toItems()));
        return ResponseEntity.created(URI.create("/api/snack-orders/" + orderId))
                .body(new CreatedResponse(orderId.value()));
    }

    @PreAuthorize("isAuthenticated()")
    @PutMapping("/{orderId}/items")
    public SnackOrderState revise(
            @AuthenticationPrincipal AuthenticatedAccount me,
            @PathVariable String orderId,
            @Valid @RequestBody ItemsRequest request) {
        return commands.send(new ReviseSnackOrderItems(orderIdOf(orderId), me.accountId(), request.toItems()));
    }

    /** The requester cancels their own order while it is CREATED; ADMINs move orders with the status flow. */
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/{orderId}/cancel")
    public SnackOrderState cancel(@AuthenticationPrincipal AuthenticatedAccount me, @PathVariable String orderId) {
        return commands.send(new CancelSnackOrder(orderIdOf(orderId), me.accountId()));
    }

    @PreAuthorize("hasRole('ADMIN')")
    @PostMapping("/{orderId}/status")
    public SnackOrderState changeStatus(@PathVariable String orderId, @Valid @RequestBody StatusRequest request) {
        return commands.send(
                new ChangeSnackOrderStatus(orderIdOf(orderId), request.status(), request.estimatedArrival()));
    }

    private static SnackOrderId orderIdOf(String orderId) {
        return SnackOrderId.parse(orderId)
                .orElseThrow(
                        () -> new BusinessException(SnackError.SNACK_ORDER_NOT_FOUND, "No snack order %s", orderId));
    }

    public record ItemsRequest(
            @NotNull @Size(min = 1, max = SnackRules.MAX_ORDER_ITEMS) List<@NotNull @Valid ItemRequest> items) {

        List<SnackOrderItem> toItems() {
            return items.stream()
                    .map(item -> new SnackOrderItem(
                            SnackId.parse(item.snackId())
                                    .orElseThrow(() -> new BusinessException(
                                            SnackError.UNKNOWN_SNACK, "No snack %s is registered", item.snackId())),
                            item.wholeQuantity()))
                    .toList();
        }
    }

    public record ItemRequest(@NotBlank @Size(max = 64) String snackId, BigDecimal quantity) {

        int wholeQuantity() {
            return (int) WholeNumbers.between(
                    quantity, 1, SnackRules.MAX_QUANTITY, "quantity", CommonError.VALIDATION_FAILED);
        }
    }

    public record StatusRequest(@NotNull SnackOrderStatus status, LocalDate estimatedArrival) {}

    public record CreatedResponse(String orderId) {}
}
