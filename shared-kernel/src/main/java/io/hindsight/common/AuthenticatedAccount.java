package io.hindsight.common;

import io.hindsight.account.api.AccountId;
import io.hindsight.account.api.Role;
import java.time.Instant;
import java.util.Set;

/** The caller of a request, as proven by a valid access token. */
public record AuthenticatedAccount(
        AccountId accountId, Set<Role> roles, String tokenId, String familyId, Instant tokenIssuedAt) {

    public AuthenticatedAccount {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return has(Role.ADMIN);
    }

    /** ADMIN and AUDITOR may read every object's history; other callers only their own. */
    public boolean canAudit() {
        return has(Role.ADMIN) || has(Role.AUDITOR);
    }
}
