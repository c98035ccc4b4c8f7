package io.hindsight.account.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The member changed their profile; only the non-null fields changed. */
@Revision("1")
public record ProfileChanged(AccountId accountId, ProfileFields changes, Instant effectiveFrom) implements AccountEvent {
}
