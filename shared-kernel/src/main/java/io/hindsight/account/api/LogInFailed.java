package io.hindsight.account.api;

import io.hindsight.common.PersonalData;
import org.axonframework.serialization.Revision;

/**
 * A log-in with the account's email failed. Failures with an email no account has are not recorded: there
 * is no account to record them on (they are counted towards the email's lock-out all the same).
 */
@Revision("1")
public record LogInFailed(
        AccountId accountId, Reason reason, @PersonalData String clientAddress) implements AccountAccessEvent {

    /** Why the log-in failed. */
    public enum Reason {
        WRONG_PASSWORD,
        NO_PASSWORD,
        ACCOUNT_RESIGNED,
        /** A password change named a wrong current password: a guess with an access token, counted as a log-in's. */
        WRONG_CURRENT_PASSWORD
    }
}
