package io.hindsight.store.web;

import io.hindsight.command.CommandRole;
import io.hindsight.command.Commands;
import io.hindsight.command.WholeNumbers;
import io.hindsight.common.AuthenticatedAccount;
import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import io.hindsight.common.MultilineText;
import io.hindsight.store.Store;
import io.hindsight.store.api.AddMenuItem;
import io.hindsight.store.api.ChangeMenuItem;
import io.hindsight.store.api.CloseStore;
import io.hindsight.store.api.MenuId;
import io.hindsight.store.api.OpenStore;
import io.hindsight.store.api.StoreError;
import io.hindsight.store.api.StoreId;
import io.hindsight.store.api.StoreRules;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A merchant's own store: open, close, and the menu. Another merchant's store is a 404. */
@CommandRole
@RestController
@RequestMapping("/api/stores/{storeId}")
@PreAuthorize("hasRole('MERCHANT')")
public class StoreCommandController {

    private final Commands commands;

    public StoreCommandController(Commands commands) {
        this.commands = commands;
    }

    @PutMapping("/open")
    public Store.StoreState open(@AuthenticationPrincipal AuthenticatedAccount me, @PathVariable String storeId) {
        return commands.send(new OpenStore(store(storeId), me.accountId()));
    }

    @PutMapping("/close")
    public Store.StoreState close(@AuthenticationPrincipal AuthenticatedAccount me, @PathVariable String storeId) {
        return commands.send(new CloseStore(store(storeId), me.accountId()));
    }

    @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
    @PostMapping("/menus")
    public ResponseEntity<MenuCreated> addMenuItem(
            @AuthenticationPrincipal AuthenticatedAccount me,
            @PathVariable String storeId,
            @Valid @RequestBody NewMenuItem request) {
        MenuId menuId = MenuId.newId();
        commands.send(new AddMenuItem(
                store(storeId), me.accountId(), menuId, request.name(), price(request.price()), request.description()));
        return ResponseEntity.created(URI.create("/api/stores/" + storeId + "#menu-" + menuId))
                .body(new MenuCreated(menuId.value()));
    }

    @PatchMapping("/menus/{menuId}")
    public Store.MenuItem changeMenuItem(
            @AuthenticationPrincipal AuthenticatedAccount me,
            @PathVariable String storeId,
            @PathVariable String menuId,
            @Valid @RequestBody MenuChange request) {
        MenuId menu = MenuId.parse(menuId)
                .orElseThrow(() -> new BusinessException(StoreError.MENU_NOT_FOUND, "No menu item %s", menuId));
        return commands.send(new ChangeMenuItem(
                store(storeId),
                me.accountId(),
                menu,
                request.name(),
                request.price() == null ? null : price(request.price()),
                request.description(),
                request.available()));
    }

    static StoreId store(String storeId) {
        return StoreId.parse(storeId)
                .orElseThrow(() -> new BusinessException(StoreError.STORE_NOT_FOUND, "There is no store %s", storeId));
    }

    private static long price(BigDecimal price) {
        return WholeNumbers.between(price, 0, StoreRules.MAX_PRICE, "price", CommonError.VALIDATION_FAILED);
    }

    public record NewMenuItem(
            @NotBlank @Size(max = StoreRules.MAX_NAME_LENGTH) String name,

            @NotNull BigDecimal price,

            @MultilineText @Size(max = StoreRules.MAX_DESCRIPTION_LENGTH) String description) {}

    public record MenuChange(
            @Size(min = 1, max = StoreRules.MAX_NAME_LENGTH) String name,

            BigDecimal price,

            @MultilineText @Size(max = StoreRules.MAX_DESCRIPTION_LENGTH) String description,

            Boolean available) {}

    public record MenuCreated(String menuId) {}
}
