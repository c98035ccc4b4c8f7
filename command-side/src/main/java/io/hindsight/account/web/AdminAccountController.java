package io.hindsight.account.web;

import io.hindsight.account.AccountState;
import io.hindsight.account.api.AccountId;
import io.hindsight.account.api.AccountRules;
import io.hindsight.account.api.ChangeRoles;
import io.hindsight.account.api.CorrectProfile;
import io.hindsight.account.api.Gender;
import io.hindsight.account.api.ProfileFields;
import io.hindsight.account.api.Role;
import io.hindsight.command.CommandRole;
import io.hindsight.command.Commands;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@CommandRole
@RestController
@RequestMapping("/api/admin/users/{accountId}")
@PreAuthorize("hasRole('ADMIN')")
public class AdminAccountController {

    private final Commands commands;

    public AdminAccountController(Commands commands) {
        this.commands = commands;
    }

    @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
    @PostMapping("/corrections")
    public ResponseEntity<CorrectionResponse> correct(
            @PathVariable String accountId, @Valid @RequestBody CorrectionRequest request) {
        AccountId account = AccountId.ofSent(accountId);
        // history is kept in milliseconds: a finer instant would order differently in the versions and in the events
        Instant effectiveFrom = request.effectiveFrom().truncatedTo(ChronoUnit.MILLIS);
        AccountState state = commands.send(new CorrectProfile(
                account, new ProfileFields(request.name(), request.nickname(), request.gender()), effectiveFrom));
        return ResponseEntity.created(URI.create("/api/admin/users/" + account + "/history"))
                .body(new CorrectionResponse(account.value(), effectiveFrom, state));
    }

    @PutMapping("/roles")
    public AccountState changeRoles(@PathVariable String accountId, @Valid @RequestBody RolesRequest request) {
        return commands.send(new ChangeRoles(AccountId.ofSent(accountId), request.roles()));
    }

    public record CorrectionRequest(
            @NotNull Instant effectiveFrom,

            @Size(min = 1, max = AccountRules.MAX_NAME_LENGTH) String name,

            @Size(max = AccountRules.MAX_NICKNAME_LENGTH) String nickname,
            Gender gender) {}

    public record RolesRequest(@NotNull @Size(max = 6) Set<@NotNull Role> roles) {}

    public record CorrectionResponse(String accountId, Instant effectiveFrom, AccountState current) {}
}
