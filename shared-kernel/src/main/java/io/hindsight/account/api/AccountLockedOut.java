package io.hindsight.account.api;

import io.hindsight.common.PersonalData;
import java.time.Duration;
import org.axonframework.serialization.Revision;

/**
 * Too many failed log-ins: the account's email is locked for a while. Recorded once per lock; the attempts
 * refused while it lasts are not recorded.
 */
@Revision("1")
public record AccountLockedOut(
        AccountId accountId,
        int failedAttempts,
        Duration lockedFor,
        @PersonalData String clientAddress) implements AccountAccessEvent {}
