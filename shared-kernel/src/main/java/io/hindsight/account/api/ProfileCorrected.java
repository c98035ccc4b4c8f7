package io.hindsight.account.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An ADMIN corrected the profile as it was from {@code effectiveFrom} on; only the non-null fields changed. */
@Revision("1")
public record ProfileCorrected(AccountId accountId, ProfileFields changes, Instant effectiveFrom)
        implements AccountEvent {}
