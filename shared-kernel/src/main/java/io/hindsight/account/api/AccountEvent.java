package io.hindsight.account.api;

/** Everything that can happen to an account. */
public sealed interface AccountEvent
        permits AccountSignedUp,
                ProfileChanged,
                ProfileCorrected,
                PasswordChanged,
                RolesChanged,
                AccountResigned,
                SocialIdentityLinked,
                AccountAccessEvent {

    AccountId accountId();
}
