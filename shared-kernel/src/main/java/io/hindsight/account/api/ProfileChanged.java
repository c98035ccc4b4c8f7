package io.hindsight.account.api;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The member changed their profile; only the non-null fields changed. */
@Revision("1")
public record ProfileChanged(AccountId accountId, ProfileFields changes, Instant effectiveFrom)
        implements AccountEvent {}
