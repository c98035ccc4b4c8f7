package io.hindsight.account.api;

import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Opens an account. The password arrives already hashed and goes to the command-side credentials
 * table only; it never reaches an event. Social sign-ups carry no hash and may carry no email.
 */
public record SignUp(
        @TargetAggregateIdentifier AccountId accountId,
        String email,
        String passwordHash,
        ProfileFields profile,
        Set<Role> roles,
        SignUpMethod method,
        SocialIdentity socialIdentity) {

    public SignUp {
        roles = Set.copyOf(roles);
    }

    @Override
    public String toString() {
        return "SignUp[accountId=" + accountId + ", method=" + method + "]";
    }
}
