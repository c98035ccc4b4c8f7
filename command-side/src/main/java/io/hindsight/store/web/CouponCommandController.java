package io.hindsight.store.web;

import io.hindsight.command.CommandRole;
import io.hindsight.command.Commands;
import io.hindsight.common.AuthenticatedAccount;
import io.hindsight.store.Coupon;
import io.hindsight.store.api.RegisterCoupon;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@CommandRole
@RestController
public class CouponCommandController {

    private final Commands commands;

    public CouponCommandController(Commands commands) {
        this.commands = commands;
    }

    /** The recipient registers a coupon code; unknown codes and other users' coupons are both a 404. */
    @PreAuthorize("isAuthenticated()")
    @PostMapping("/api/coupons/register")
    public Coupon.CouponState register(
            @AuthenticationPrincipal AuthenticatedAccount me, @Valid @RequestBody CodeRequest request) {
        return commands.send(new RegisterCoupon(StoreOrderCommandController.coupon(request.code()), me.accountId()));
    }

    public record CodeRequest(@NotBlank @Size(max = 64) String code) {}
}
