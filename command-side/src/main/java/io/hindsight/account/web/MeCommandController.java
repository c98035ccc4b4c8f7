package io.hindsight.account.web;

import io.hindsight.account.AccountState;
import io.hindsight.account.AuthService;
import io.hindsight.account.CredentialStore.StoredCredentials;
import io.hindsight.account.api.AccountError;
import io.hindsight.account.api.ChangePassword;
import io.hindsight.account.api.ChangeProfile;
import io.hindsight.account.api.Gender;
import io.hindsight.account.api.ProfileFields;
import io.hindsight.account.api.Resign;
import io.hindsight.command.CommandRole;
import io.hindsight.command.Commands;
import io.hindsight.common.AuthenticatedAccount;
import io.hindsight.common.BusinessException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
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
    private final PasswordEncoder passwordEncoder;

    public MeCommandController(Commands commands, AuthService auth, PasswordEncoder passwordEncoder) {
        this.commands = commands;
        this.auth = auth;
        this.passwordEncoder = passwordEncoder;
    }

    @PatchMapping
    public AccountState changeProfile(
            @AuthenticationPrincipal AuthenticatedAccount me, @Valid @RequestBody ProfileChangeRequest request) {
        return commands.send(new ChangeProfile(me.accountId(), request.toFields()));
    }

    @PutMapping("/password")
    public ResponseEntity<Void> changePassword(
            @AuthenticationPrincipal AuthenticatedAccount me, @Valid @RequestBody PasswordChangeRequest request) {
        StoredCredentials stored = auth.credentialsOf(me.accountId());
        if (!stored.hasPassword()) {
            throw new BusinessException(
                    AccountError.PASSWORD_NOT_SET,
                    "This account logs in through a social provider and has no password");
        }
        if (!passwordEncoder.matches(request.currentPassword(), stored.passwordHash())) {
            throw new BusinessException(AccountError.WRONG_PASSWORD, "The current password is wrong");
        }
        commands.send(new ChangePassword(
                me.accountId(), stored.passwordHash(), passwordEncoder.encode(request.newPassword())));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping
    public ResponseEntity<Void> resign(@AuthenticationPrincipal AuthenticatedAccount me) {
        commands.send(new Resign(me.accountId()));
        return ResponseEntity.noContent().build();
    }

    public record ProfileChangeRequest(
            @Size(min = 1, max = 100) String name,
            @Size(max = 30) String nickname,
            Gender gender) {

        ProfileFields toFields() {
            return new ProfileFields(name == null ? null : name.trim(), nickname, gender);
        }
    }

    public record PasswordChangeRequest(
            @NotBlank @Size(max = 72) String currentPassword,
            @NotBlank @Size(min = 8, max = 72) String newPassword) {}
}
