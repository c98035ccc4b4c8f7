package io.hindsight.account.web;

import io.hindsight.account.AccountQueries;
import io.hindsight.account.AccountView;
import io.hindsight.account.web.AccountResponses.ProfileResponse;
import io.hindsight.common.AuthenticatedAccount;
import io.hindsight.query.QueryRole;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@QueryRole
@RestController
public class MeQueryController {

    private final AccountQueries queries;

    public MeQueryController(AccountQueries queries) {
        this.queries = queries;
    }

    @PreAuthorize("isAuthenticated()")
    @GetMapping("/api/me")
    public ProfileResponse me(@AuthenticationPrincipal AuthenticatedAccount me) {
        AccountView view = queries.current(me.accountId().value());
        return ProfileResponse.of(view, view.profileNow());
    }
}
