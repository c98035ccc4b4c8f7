package io.hindsight.account;

import io.hindsight.account.api.AccountSignedUp;
import io.hindsight.account.api.Gender;
import io.hindsight.account.api.ProfileChanged;
import io.hindsight.account.api.ProfileCorrected;
import io.hindsight.account.api.ProfileFields;
import io.hindsight.projection.RecordedEvent;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * One recorded change of the profile: the fields it set (null = untouched, blank nickname = cleared), from
 * which valid-time instant, when it was recorded, by whom, and the sequence of its event in the account.
 */
public record ProfileVersion(
        long sequence,
        Instant effectiveFrom,
        Instant recordedAt,
        String changedBy,
        Kind kind,
        String name,
        String nickname,
        Gender gender) {

    /** Valid-time order; of two versions from the same instant, the one recorded later comes later. */
    public static final Comparator<ProfileVersion> IN_VALID_TIME =
            Comparator.comparing(ProfileVersion::effectiveFrom).thenComparingLong(ProfileVersion::sequence);

    public enum Kind {
        SIGN_UP,
        CHANGE,
        CORRECTION
    }

    /** The version an event records, if it is a sign-up, a profile change or a correction. */
    public static Optional<ProfileVersion> of(RecordedEvent event) {
        Object payload = event.payload();
        if (payload instanceof AccountSignedUp signedUp) {
            return Optional.of(of(event, event.timestamp(), Kind.SIGN_UP, signedUp.profile()));
        }
        if (payload instanceof ProfileChanged changed) {
            // in force from its record at the earliest, as a change takes effect now
            return Optional.of(of(event, changed.inForceFrom(event.timestamp()), Kind.CHANGE, changed.changes()));
        }
        if (payload instanceof ProfileCorrected corrected) {
            return Optional.of(of(event, corrected.effectiveFrom(), Kind.CORRECTION, corrected.changes()));
        }
        return Optional.empty();
    }

    private static ProfileVersion of(RecordedEvent event, Instant effectiveFrom, Kind kind, ProfileFields fields) {
        return new ProfileVersion(
                event.sequence(),
                effectiveFrom,
                event.timestamp(),
                event.actorId(),
                kind,
                fields.name(),
                fields.nickname(),
                fields.gender());
    }
}
