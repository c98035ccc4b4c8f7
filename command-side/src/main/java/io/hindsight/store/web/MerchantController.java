package io.hindsight.store.web;

import io.hindsight.account.api.AccountRules;
import io.hindsight.account.web.PlainEmail;
import io.hindsight.command.CommandRole;
import io.hindsight.common.LookAlikes;
import io.hindsight.common.PublicEndpoint;
import io.hindsight.store.MerchantSignUp;
import io.hindsight.store.api.StoreRules;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@CommandRole
@RestController
public class MerchantController {

    private final MerchantSignUp signUp;

    public MerchantController(MerchantSignUp signUp) {
        this.signUp = signUp;
    }

    /** A merchant signs up with a store: the account (MERCHANT), the store (closed) and its wallet. */
    @PublicEndpoint(ignoresToken = true)
    @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
    @PostMapping("/api/merchants")
    public ResponseEntity<MerchantResponse> signUp(@Valid @RequestBody MerchantRequest request) {
        MerchantSignUp.Registered registered = signUp.register(
                request.email().trim(),
                request.password(),
                LookAlikes.trimmed(request.name()),
                request.storeName(),
                request.address());
        return ResponseEntity.created(URI.create("/api/stores/" + registered.storeId()))
                .body(new MerchantResponse(
                        registered.merchantId().value(),
                        registered.storeId().value(),
                        registered.walletId().value(),
                        registered.tokens().accessToken(),
                        registered.tokens().refreshToken(),
                        registered.tokens().expiresIn()));
    }

    public record MerchantRequest(
            @NotBlank @Email @PlainEmail @Size(max = AccountRules.MAX_EMAIL_LENGTH) String email,

            @NotBlank @Size(min = AccountRules.MIN_PASSWORD_LENGTH, max = AccountRules.MAX_PASSWORD_LENGTH) String password,

            @NotBlank @Size(max = AccountRules.MAX_NAME_LENGTH) String name,

            @NotBlank @Size(max = StoreRules.MAX_NAME_LENGTH) String storeName,

            @NotBlank @Size(max = StoreRules.MAX_ADDRESS_LENGTH) String address) {}

    public record MerchantResponse(
            String merchantId,
            String storeId,
            String walletId,
            String accessToken,
            String refreshToken,
            long expiresIn) {}
}
