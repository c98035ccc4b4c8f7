package io.hindsight.snack.web;

import io.hindsight.command.CommandRole;
import io.hindsight.command.Commands;
import io.hindsight.command.WholeNumbers;
import io.hindsight.common.AuthenticatedAccount;
import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import io.hindsight.common.MultilineText;
import io.hindsight.snack.ReactionCounts;
import io.hindsight.snack.SnackState;
import io.hindsight.snack.api.CorrectSnack;
import io.hindsight.snack.api.ReactToSnack;
import io.hindsight.snack.api.ReactionType;
import io.hindsight.snack.api.RegisterSnack;
import io.hindsight.snack.api.RetireSnack;
import io.hindsight.snack.api.SnackError;
import io.hindsight.snack.api.SnackId;
import io.hindsight.snack.api.SnackReactionId;
import io.hindsight.snack.api.SnackRules;
import io.hindsight.snack.api.WithdrawSnackReaction;
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
@RequestMapping("/api/snacks")
@PreAuthorize("isAuthenticated()")
public class SnackCommandController {

    private final Commands commands;

    public SnackCommandController(Commands commands) {
        this.commands = commands;
    }

    @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
    @PostMapping
    public ResponseEntity<RegisteredResponse> register(
            @AuthenticationPrincipal AuthenticatedAccount me, @Valid @RequestBody RegisterRequest request) {
        SnackId snackId = SnackId.newId();
        commands.send(new RegisterSnack(
                snackId,
                request.name(),
                request.url(),
                request.description(),
                request.imageUrl(),
                priceOf(request.price()),
                request.currency(),
                me.accountId()));
        return ResponseEntity.created(URI.create("/api/snacks/" + snackId))
                .body(new RegisteredResponse(snackId.value()));
    }

    /** The member who registered the snack, or an ADMIN: only the fields sent change. */
    @PatchMapping("/{snackId}")
    public SnackState correct(
            @AuthenticationPrincipal AuthenticatedAccount me,
            @PathVariable String snackId,
            @Valid @RequestBody CorrectionRequest request) {
        return commands.send(new CorrectSnack(
                snackIdOf(snackId),
                me.accountId(),
                me.isAdmin(),
                request.price() == null ? null : priceOf(request.price()),
                request.url(),
                request.description(),
                request.imageUrl()));
    }

    @PreAuthorize("hasRole('ADMIN')")
    @PostMapping("/{snackId}/retire")
    public SnackState retire(@PathVariable String snackId) {
        return commands.send(new RetireSnack(snackIdOf(snackId)));
    }

    @PutMapping("/{snackId}/reaction")
    public ReactionCounts react(
            @AuthenticationPrincipal AuthenticatedAccount me,
            @PathVariable String snackId,
            @Valid @RequestBody ReactionRequest request) {
        return commands.send(new ReactToSnack(reactionOf(me, snackId), request.type()));
    }

    @DeleteMapping("/{snackId}/reaction")
    public ReactionCounts withdraw(@AuthenticationPrincipal AuthenticatedAccount me, @PathVariable String snackId) {
        return commands.send(new WithdrawSnackReaction(reactionOf(me, snackId)));
    }

    private static SnackReactionId reactionOf(AuthenticatedAccount me, String snackId) {
        return new SnackReactionId(snackIdOf(snackId), me.accountId());
    }

    private static SnackId snackIdOf(String snackId) {
        return SnackId.parse(snackId)
                .orElseThrow(() -> new BusinessException(SnackError.SNACK_NOT_FOUND, "No snack %s", snackId));
    }

    /** A price is read as a number and checked by its own rule: 1.0 is 1, 1.5 and 10^30 are not prices. */
    private static long priceOf(BigDecimal price) {
        return WholeNumbers.between(price, 0, SnackRules.MAX_PRICE, "price", CommonError.VALIDATION_FAILED);
    }

    public record RegisterRequest(
            @NotBlank @Size(max = SnackRules.MAX_NAME_LENGTH) String name,

            @NotBlank @Size(max = SnackRules.MAX_URL_LENGTH) String url,

            @MultilineText @Size(max = SnackRules.MAX_DESCRIPTION_LENGTH) String description,

            @Size(max = SnackRules.MAX_URL_LENGTH) String imageUrl,

            @NotNull BigDecimal price,

            @NotBlank @Size(max = 3) String currency) {}

    public record CorrectionRequest(
            BigDecimal price,
            @Size(max = SnackRules.MAX_URL_LENGTH) String url,

            @MultilineText @Size(max = SnackRules.MAX_DESCRIPTION_LENGTH) String description,

            @Size(max = SnackRules.MAX_URL_LENGTH) String imageUrl) {}

    public record ReactionRequest(@NotNull ReactionType type) {}

    public record RegisteredResponse(String snackId) {}
}
