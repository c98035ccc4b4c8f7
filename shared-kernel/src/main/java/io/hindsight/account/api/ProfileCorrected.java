package io.hindsight.account.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** An ADMIN corrected the profile as it was from {@code effectiveFrom} on; only the non-null fields changed. */
@Revision("1")
public record ProfileCorrected(AccountId accountId, ProfileFields changes, Instant effectiveFrom) implements AccountEvent {
}
