package io.hindsight.account;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Valid-time history segments from profile versions: a segment starts at each distinct effective instant,
 * holds the profile in force from then on and ends where the next one starts; it names the version recorded
 * last among those effective at its start. Pure, so a page of segments needs only the versions of the page
 * and the points in force before it.
 */
public final class ProfileTimeline {

    private ProfileTimeline() {}

    /**
     * The segments starting at the effective instants of {@code versions}.
     *
     * @param before the points in force just before the first of them
     * @param versions every version effective at those instants, in any order
     * @param nextStart where the last segment ends (null: it is in force now)
     */
    public static List<HistoryEntry> segments(ProfilePoints before, List<ProfileVersion> versions, Instant nextStart) {
        List<ProfileVersion> ordered = new ArrayList<>(versions);
        ordered.sort(ProfileVersion.IN_VALID_TIME);
        List<HistoryEntry> entries = new ArrayList<>();
        ProfilePoints points = before;
        for (int i = 0; i < ordered.size(); i++) {
            ProfileVersion version = ordered.get(i);
            points = points.with(version);
            ProfileVersion following = i + 1 < ordered.size() ? ordered.get(i + 1) : null;
            if (following != null && following.effectiveFrom().equals(version.effectiveFrom())) {
                continue;
            }
            Profile profile = points.profile();
            entries.add(new HistoryEntry(
                    version.effectiveFrom(),
                    following == null ? nextStart : following.effectiveFrom(),
                    version.recordedAt(),
                    profile.name(),
                    profile.nickname(),
                    profile.gender(),
                    version.changedBy(),
                    version.kind()));
        }
        return entries;
    }
}
