package io.hindsight.account.web;

import io.hindsight.account.AccountState;
import io.hindsight.account.AuthService;
import io.hindsight.account.SocialLogin;
import io.hindsight.account.api.AccountRules;
import io.hindsight.account.api.ChangeProfile;
import io.hindsight.account.api.Gender;
import io.hindsight.account.api.ProfileFields;
import io.hindsight.account.api.Resign;
import io.hindsight.command.CommandRole;
import io.hindsight.command.Commands;
import io.hindsight.common.AuthenticatedAccount;
import io.hindsight.common.LookAlikes;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@CommandRole
@RestController
@RequestMapping("/api/me")
@PreAuthorize("isAuthenticated()")
public class MeCommandController {

    private final Commands commands;
    private final AuthService auth;
    private final SocialLogin socialLogin;

    public MeCommandController(Commands commands, AuthService auth, SocialLogin socialLogin) {
        this.commands = commands;
        this.auth = auth;
        this.socialLogin = socialLogin;
    }

    @PatchMapping
    public AccountState changeProfile(
            @AuthenticationPrincipal AuthenticatedAccount me, @Valid @RequestBody ProfileChangeRequest request) {
        return commands.send(new ChangeProfile(me.accountId(), request.toFields()));
    }

    @ApiResponse(responseCode = "204", description = "No Content")
    @PutMapping("/password")
    public ResponseEntity<Void> changePassword(
            @AuthenticationPrincipal AuthenticatedAccount me,
            @Valid @RequestBody PasswordChangeRequest request,
            HttpServletRequest http) {
        auth.changePassword(me.accountId(), request.currentPassword(), request.newPassword(), http.getRemoteAddr());
        return ResponseEntity.noContent().build();
    }

    /** Links the identity the provider's access token proves; 409 when it belongs to another account. */
    @ApiResponse(responseCode = "204", description = "No Content")
    @PostMapping("/social/{provider}")
    public ResponseEntity<Void> linkSocialIdentity(
            @AuthenticationPrincipal AuthenticatedAccount me,
            @PathVariable String provider,
            @Valid @RequestBody AuthController.SocialLogInRequest request) {
        socialLogin.link(me.accountId(), provider, request.accessToken());
        return ResponseEntity.noContent().build();
    }

    @ApiResponse(responseCode = "204", description = "No Content")
    @DeleteMapping
    public ResponseEntity<Void> resign(@AuthenticationPrincipal AuthenticatedAccount me) {
        commands.send(new Resign(me.accountId()));
        return ResponseEntity.noContent().build();
    }

    public record ProfileChangeRequest(
            @Size(min = 1, max = AccountRules.MAX_NAME_LENGTH) String name,

            @Size(max = AccountRules.MAX_NICKNAME_LENGTH) String nickname,
            Gender gender) {

        ProfileFields toFields() {
            return new ProfileFields(name == null ? null : LookAlikes.trimmed(name), nickname, gender);
        }
    }

    public record PasswordChangeRequest(
            @NotBlank @Size(max = AccountRules.MAX_PASSWORD_LENGTH) String currentPassword,

            @NotBlank @Size(min = AccountRules.MIN_PASSWORD_LENGTH, max = AccountRules.MAX_PASSWORD_LENGTH) String newPassword) {}
}
