package io.hindsight.account.api;

import org.axonframework.serialization.Revision;

/**
 * A whole session was revoked by the system: a refresh token of it that was already spent was presented
 * again, so one of its tokens leaked.
 */
@Revision("1")
public record SessionRevoked(AccountId accountId, String session, Reason reason, String clientAddress)
        implements AccountAccessEvent {

    /** Why the session was revoked. */
    public enum Reason {
        REFRESH_TOKEN_REUSED
    }
}
