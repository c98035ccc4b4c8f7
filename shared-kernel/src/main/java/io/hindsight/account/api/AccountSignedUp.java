package io.hindsight.account.api;

import io.hindsight.common.PersonalData;
import java.util.Set;
import org.axonframework.serialization.Revision;

/**
 * An account was opened. The email is null for a social account whose provider shares none.
 * Revision 2 renamed {@code method} to {@code signUpMethod}; {@link AccountSignedUpUpcaster} reads revision 1.
 */
@Revision("2")
public record AccountSignedUp(
        AccountId accountId,
        @PersonalData String email,
        ProfileFields profile,
        Set<Role> roles,
        SignUpMethod signUpMethod,
        String socialProvider)
        implements AccountEvent {}
