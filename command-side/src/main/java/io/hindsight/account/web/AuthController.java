package io.hindsight.account.web;

import io.hindsight.account.AuthService;
import io.hindsight.account.SocialLogin;
import io.hindsight.account.api.AccountRules;
import io.hindsight.account.api.Gender;
import io.hindsight.account.api.ProfileFields;
import io.hindsight.account.token.IssuedTokens;
import io.hindsight.command.CommandRole;
import io.hindsight.common.AuthenticatedAccount;
import io.hindsight.common.LookAlikes;
import io.hindsight.common.PublicEndpoint;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@CommandRole
@RestController
@RequestMapping("/api/auth")
public class AuthController {

    private final AuthService auth;
    private final SocialLogin socialLogin;

    public AuthController(AuthService auth, SocialLogin socialLogin) {
        this.auth = auth;
        this.socialLogin = socialLogin;
    }

    @PublicEndpoint(ignoresToken = true)
    @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
    @PostMapping("/signup")
    public ResponseEntity<SignUpResponse> signUp(@Valid @RequestBody SignUpRequest request) {
        IssuedTokens tokens = auth.signUp(
                request.email().trim(),
                request.password(),
                new ProfileFields(
                        LookAlikes.trimmed(request.name()), request.nickname(), Gender.shown(request.gender())));
        return ResponseEntity.created(URI.create("/api/me"))
                .body(new SignUpResponse(
                        tokens.accountId().value(), tokens.accessToken(), tokens.refreshToken(), tokens.expiresIn()));
    }

    @PublicEndpoint(ignoresToken = true)
    @PostMapping("/login")
    public TokenResponse logIn(@Valid @RequestBody LogInRequest request, HttpServletRequest http) {
        return TokenResponse.of(auth.logIn(request.email(), request.password(), http.getRemoteAddr()));
    }

    @PublicEndpoint(ignoresToken = true)
    @PostMapping("/social/{provider}")
    public TokenResponse socialLogIn(
            @PathVariable String provider, @Valid @RequestBody SocialLogInRequest request, HttpServletRequest http) {
        return TokenResponse.of(socialLogin.logIn(provider, request.accessToken(), http.getRemoteAddr()));
    }

    @PublicEndpoint(ignoresToken = true)
    @PostMapping("/refresh")
    public TokenResponse refresh(@Valid @RequestBody RefreshRequest request, HttpServletRequest http) {
        return TokenResponse.of(auth.refresh(request.refreshToken(), http.getRemoteAddr()));
    }

    @PreAuthorize("isAuthenticated()")
    @ApiResponse(responseCode = "204", description = "No Content")
    @PostMapping("/logout")
    public ResponseEntity<Void> logOut(@AuthenticationPrincipal AuthenticatedAccount me, HttpServletRequest http) {
        auth.logOut(me.accountId(), me.familyId(), http.getRemoteAddr());
        return ResponseEntity.noContent().build();
    }

    public record SignUpRequest(
            @NotBlank @Email @PlainEmail @Size(max = AccountRules.MAX_EMAIL_LENGTH) String email,

            @NotBlank @Size(min = AccountRules.MIN_PASSWORD_LENGTH, max = AccountRules.MAX_PASSWORD_LENGTH) String password,

            @NotBlank @Size(max = AccountRules.MAX_NAME_LENGTH) String name,

            @Size(max = AccountRules.MAX_NICKNAME_LENGTH) String nickname,
            Gender gender) {}

    public record LogInRequest(
            @NotBlank @Size(max = AccountRules.MAX_EMAIL_LENGTH) String email,

            @NotBlank @Size(max = AccountRules.MAX_PASSWORD_LENGTH) String password) {}

    public record SocialLogInRequest(
            @NotBlank @Size(max = 4096) String accessToken) {}

    /** Any text may be presented: what is not a refresh token we issued is 401 REFRESH_TOKEN_INVALID, whatever its length. */
    public record RefreshRequest(@NotBlank String refreshToken) {}

    public record SignUpResponse(String accountId, String accessToken, String refreshToken, long expiresIn) {}

    public record TokenResponse(String accountId, String accessToken, String refreshToken, long expiresIn) {

        static TokenResponse of(IssuedTokens tokens) {
            return new TokenResponse(
                    tokens.accountId().value(), tokens.accessToken(), tokens.refreshToken(), tokens.expiresIn());
        }
    }
}
