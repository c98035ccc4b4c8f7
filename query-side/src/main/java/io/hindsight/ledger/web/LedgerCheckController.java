package io.hindsight.ledger.web;

import io.hindsight.ledger.LedgerCheck;
import io.hindsight.ledger.LedgerCheck.Report;
import io.hindsight.ledger.LedgerReadModels;
import io.hindsight.projection.ReadsProjection;
import io.hindsight.query.QueryRole;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@QueryRole
@RestController
public class LedgerCheckController {

    private final LedgerCheck check;

    public LedgerCheckController(LedgerCheck check) {
        this.check = check;
    }

    /** The ledger's invariants evaluated now; {@code violations} is empty when they all hold. */
    @PreAuthorize("hasAnyRole('ADMIN','AUDITOR')")
    @ReadsProjection({LedgerReadModels.ACCOUNTS, LedgerReadModels.TRANSFERS})
    @GetMapping("/api/admin/ledger/check")
    public Report check() {
        return check.check();
    }
}
