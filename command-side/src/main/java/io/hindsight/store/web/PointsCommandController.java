package io.hindsight.store.web;

import io.hindsight.account.api.AccountError;
import io.hindsight.account.api.AccountId;
import io.hindsight.command.CommandRole;
import io.hindsight.command.WholeNumbers;
import io.hindsight.common.BusinessException;
import io.hindsight.common.LookAlikes;
import io.hindsight.ledger.api.LedgerError;
import io.hindsight.ledger.api.LedgerRules;
import io.hindsight.store.PointsGrants;
import io.hindsight.store.api.StoreRules;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@CommandRole
@RestController
public class PointsCommandController {

    private final PointsGrants grants;

    public PointsCommandController(PointsGrants grants) {
        this.grants = grants;
    }

    /** An ADMIN grants a user points, with a reason the user sees in the points history. */
    @PreAuthorize("hasRole('ADMIN')")
    @PostMapping("/api/admin/users/{accountId}/points")
    public PointsBalance grant(@PathVariable String accountId, @Valid @RequestBody GrantRequest request) {
        return new PointsBalance(grants.grant(
                account(accountId),
                WholeNumbers.between(request.amount(), 1, LedgerRules.MAX_AMOUNT, "amount", LedgerError.INVALID_AMOUNT),
                LookAlikes.trimmed(request.reason())));
    }

    private static AccountId account(String accountId) {
        return AccountId.parse(accountId)
                .orElseThrow(() -> new BusinessException(AccountError.ACCOUNT_NOT_FOUND, "No account %s", accountId));
    }

    public record GrantRequest(
            @NotNull BigDecimal amount,

            @NotBlank @Size(max = StoreRules.MAX_REASON_LENGTH) String reason) {}

    public record PointsBalance(long balance) {}
}
