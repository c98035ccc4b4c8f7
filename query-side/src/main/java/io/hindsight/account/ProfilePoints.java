package io.hindsight.account;

import io.hindsight.account.api.Gender;
import java.time.Instant;

/**
 * Per profile field, the version in force: the one with the latest effective instant among those that set
 * the field, the later recorded winning a tie. A field no version set is null.
 */
public record ProfilePoints(FieldPoint<String> name, FieldPoint<String> nickname, FieldPoint<Gender> gender) {

    public static final ProfilePoints NONE = new ProfilePoints(null, null, null);

    /**
     * The points after {@code version} is taken into account. Of versions effective at the same instant the
     * one taken last wins, so versions come in recording order, or in valid-time order (IN_VALID_TIME).
     */
    public ProfilePoints with(ProfileVersion version) {
        return new ProfilePoints(
                FieldPoint.later(name, version.name(), version),
                FieldPoint.later(nickname, version.nickname(), version),
                FieldPoint.later(gender, version.gender(), version));
    }

    /** The values, a blank (cleared) nickname and a withdrawn gender shown as none. */
    public Profile profile() {
        String nick = nickname == null ? null : nickname.value();
        return new Profile(
                name == null ? null : name.value(),
                nick == null || nick.isBlank() ? null : nick,
                gender == null ? null : Gender.shown(gender.value()));
    }

    /** Whether every point took effect by {@code instant}: then they are also the points in force at it. */
    public boolean allInForceBy(Instant instant) {
        return inForceBy(name, instant) && inForceBy(nickname, instant) && inForceBy(gender, instant);
    }

    private static boolean inForceBy(FieldPoint<?> point, Instant instant) {
        return point == null || !point.effectiveFrom().isAfter(instant);
    }

    /** A field's value with the valid-time instant of the version that set it. */
    public record FieldPoint<T>(T value, Instant effectiveFrom) {

        static <T> FieldPoint<T> later(FieldPoint<T> current, T value, ProfileVersion version) {
            if (value == null || (current != null && version.effectiveFrom().isBefore(current.effectiveFrom))) {
                return current;
            }
            return new FieldPoint<>(value, version.effectiveFrom());
        }
    }
}
