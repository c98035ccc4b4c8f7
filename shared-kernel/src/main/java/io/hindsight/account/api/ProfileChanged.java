package io.hindsight.account.api;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.axonframework.serialization.Revision;

/** The member changed their profile; only the non-null fields changed. */
@Revision("1")
public record ProfileChanged(AccountId accountId, ProfileFields changes, Instant effectiveFrom)
        implements AccountEvent {

    /**
     * The valid-time instant the change is in force from, given the instant its event was recorded: its
     * {@code effectiveFrom}, but never before the record (in milliseconds, as the event store keeps it). The change is
     * decided a moment before its event is stamped, and all events of a transaction take its latest stamp, so
     * {@code effectiveFrom} can lie a millisecond or more before the record: as of that moment a read had answered
     * the profile before the change, and the same read as of it afterwards answered the change (AsOfOracleIT).
     */
    public Instant inForceFrom(Instant recordedAt) {
        Instant recorded = recordedAt.truncatedTo(ChronoUnit.MILLIS);
        return recorded.isAfter(effectiveFrom) ? recorded : effectiveFrom;
    }
}
