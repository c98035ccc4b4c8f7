package io.hindsight.projection.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** Progress and outcome of a projection replay, as the admin API shows it. */
public record ReplayStatus(
        String projection,
        State state,
        String strategy,
        long processed,
        Long position,
        Boolean verified,
        int differenceCount,
        List<Difference> differences,
        Instant startedAt,
        Instant finishedAt,
        String error,
        List<SkippedEvent> skipped) {

    private static final int DIFFERENCES_SHOWN = 50;

    public enum State {
        NEVER_RUN,
        PAUSING,
        REBUILDING,
        VERIFYING,
        COMPLETED,
        FAILED
    }

    /** One row that the rebuild produced differently: {@code before} is the live row, {@code after} the rebuilt one. */
    public record Difference(String key, String before, String after) {

        static List<Difference> between(Map<String, String> before, Map<String, String> after) {
            TreeSet<String> keys = new TreeSet<>(before.keySet());
            keys.addAll(after.keySet());
            List<Difference> differences = new ArrayList<>();
            for (String key : keys) {
                if (!Objects.equals(before.get(key), after.get(key))) {
                    differences.add(new Difference(key, before.get(key), after.get(key)));
                }
            }
            return differences;
        }
    }

    /**
     * An event the rebuild could not apply, with the later events of its aggregate: the live projection
     * holds them in the dead-letter queue too, so both sides still agree.
     */
    public record SkippedEvent(long position, String aggregateId, String eventType, String error) {}

    /**
     * This status without the rows that differed: after an erasure they hold the erased values, which must
     * not outlive it in Redis.
     */
    public ReplayStatus withoutDifferences() {
        return new ReplayStatus(
                projection,
                state,
                strategy,
                processed,
                position,
                verified,
                differenceCount,
                List.of(),
                startedAt,
                finishedAt,
                error,
                skipped);
    }

    public static ReplayStatus neverRun(String projection) {
        return new ReplayStatus(
                projection, State.NEVER_RUN, null, 0, null, null, 0, List.of(), null, null, null, List.of());
    }

    static ReplayStatus started(String projection, String strategy) {
        return new ReplayStatus(
                projection, State.PAUSING, strategy, 0, null, null, 0, List.of(), Instant.now(), null, null, List.of());
    }

    public boolean running() {
        return state == State.PAUSING || state == State.REBUILDING || state == State.VERIFYING;
    }

    ReplayStatus rebuilding(long atPosition) {
        return new ReplayStatus(
                projection,
                State.REBUILDING,
                strategy,
                0,
                atPosition,
                null,
                0,
                List.of(),
                startedAt,
                null,
                null,
                List.of());
    }

    ReplayStatus progress(long newProcessed, List<SkippedEvent> skippedSoFar) {
        return new ReplayStatus(
                projection,
                state,
                strategy,
                newProcessed,
                position,
                verified,
                differenceCount,
                differences,
                startedAt,
                finishedAt,
                error,
                shown(skippedSoFar));
    }

    ReplayStatus verifying(long processedEvents) {
        return new ReplayStatus(
                projection,
                State.VERIFYING,
                strategy,
                processedEvents,
                position,
                null,
                0,
                List.of(),
                startedAt,
                null,
                null,
                skipped);
    }

    ReplayStatus completed(List<Difference> found) {
        return new ReplayStatus(
                projection,
                State.COMPLETED,
                strategy,
                processed,
                position,
                found.isEmpty(),
                found.size(),
                shown(found),
                startedAt,
                Instant.now(),
                null,
                skipped);
    }

    ReplayStatus failed(String reason) {
        return new ReplayStatus(
                projection,
                State.FAILED,
                strategy,
                processed,
                position,
                false,
                0,
                List.of(),
                startedAt,
                Instant.now(),
                reason,
                skipped);
    }

    private static <T> List<T> shown(List<T> items) {
        return List.copyOf(items.subList(0, Math.min(DIFFERENCES_SHOWN, items.size())));
    }
}
