package io.hindsight.projection;

import java.time.Instant;
import java.util.List;

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
        String error) {

    public enum State {
        NEVER_RUN,
        PAUSING,
        REBUILDING,
        VERIFYING,
        COMPLETED,
        FAILED
    }

    /** One row that the rebuild produced differently: {@code before} is the live row, {@code after} the rebuilt one. */
    public record Difference(String key, String before, String after) {}

    public static ReplayStatus neverRun(String projection) {
        return new ReplayStatus(projection, State.NEVER_RUN, null, 0, null, null, 0, List.of(), null, null, null);
    }

    ReplayStatus with(State newState, long newProcessed) {
        return new ReplayStatus(
                projection,
                newState,
                strategy,
                newProcessed,
                position,
                verified,
                differenceCount,
                differences,
                startedAt,
                finishedAt,
                error);
    }

    boolean running() {
        return state == State.PAUSING || state == State.REBUILDING || state == State.VERIFYING;
    }
}
