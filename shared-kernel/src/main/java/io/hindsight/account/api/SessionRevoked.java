package io.hindsight.account.api;

import io.hindsight.common.PersonalData;
import org.axonframework.serialization.Revision;

/**
 * A whole session was revoked by the system: a refresh token of it that was already spent was presented
 * again, so one of its tokens leaked.
 */
@Revision("1")
public record SessionRevoked(
        AccountId accountId,
        String session,
        Reason reason,
        @PersonalData String clientAddress) implements AccountAccessEvent {

    /** Why the session was revoked. */
    public enum Reason {
        REFRESH_TOKEN_REUSED
    }
}
