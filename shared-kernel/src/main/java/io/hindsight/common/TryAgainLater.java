package io.hindsight.common;

import java.time.Duration;

/** A refusal that lifts by itself: the client is told when to try again ({@code Retry-After}). */
public class TryAgainLater extends BusinessException {

    private final Duration after;

    public TryAgainLater(ErrorCode code, Duration after, String message, Object... args) {
        super(code, message, args);
        this.after = after;
    }

    public Duration after() {
        return after;
    }
}
