package io.hindsight.account;

import io.hindsight.account.api.Gender;
import java.time.Instant;

/**
 * One recorded change of the profile: the fields it set (null = untouched, blank nickname = cleared),
 * from which valid-time instant, when it was recorded and by whom.
 */
public record ProfileVersion(
        Instant effectiveFrom,
        Instant recordedAt,
        String changedBy,
        Kind kind,
        String name,
        String nickname,
        Gender gender) {

    public enum Kind {
        SIGN_UP,
        CHANGE,
        CORRECTION
    }
}
