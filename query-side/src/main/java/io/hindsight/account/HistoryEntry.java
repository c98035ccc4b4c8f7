package io.hindsight.account;

import io.hindsight.account.api.Gender;
import java.time.Instant;

/** A segment of the profile's valid-time history; {@code validTo} is null for the one in force now. */
public record HistoryEntry(
        Instant validFrom,
        Instant validTo,
        Instant recordedAt,
        String name,
        String nickname,
        Gender gender,
        String changedBy,
        ProfileVersion.Kind kind) {}
