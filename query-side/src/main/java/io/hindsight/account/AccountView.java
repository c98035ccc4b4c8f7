package io.hindsight.account;

import io.hindsight.account.api.Role;
import io.hindsight.account.api.SignUpMethod;
import java.time.Instant;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * An account as it is now: roles, status and, per profile field, the version in force. Its profile history
 * is kept by {@link AccountProfileVersions}, one row per version, so the view stays the same size however
 * often the profile changes.
 */
public record AccountView(
        String accountId,
        String email,
        Set<Role> roles,
        SignUpMethod signUpMethod,
        String socialProvider,
        Instant signedUpAt,
        Instant resignedAt,
        ProfilePoints profile) {

    public AccountView {
        roles = Collections.unmodifiableSortedSet(new TreeSet<>(roles));
    }

    public boolean resigned() {
        return resignedAt != null;
    }

    /** The profile in force: the latest valid-time value of each field. */
    public Profile profileNow() {
        return profile.profile();
    }

    AccountView with(ProfilePoints newProfile, Set<Role> newRoles, Instant newResignedAt) {
        return new AccountView(
                accountId, email, newRoles, signUpMethod, socialProvider, signedUpAt, newResignedAt, newProfile);
    }
}
