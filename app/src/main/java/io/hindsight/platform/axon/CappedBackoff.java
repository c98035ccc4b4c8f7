package io.hindsight.platform.axon;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import java.time.Duration;

/**
 * Tries a failed task again after {@code first}, then twice as long each time, but never waits longer than {@code
 * max}: uncapped, a payment cancellation failing through an outage of a few hours was next tried hours after the
 * provider came back.
 */
final class CappedBackoff<T> implements FailureHandler<T> {

    private final Duration first;
    private final Duration max;

    CappedBackoff(Duration first, Duration max) {
        this.first = first;
        this.max = max;
    }

    @Override
    public void onFailure(ExecutionComplete complete, ExecutionOperations<T> operations) {
        operations.reschedule(
                complete, complete.getTimeDone().plus(delayAfter(complete.getExecution().consecutiveFailures)));
    }

    /** The wait after a failure that followed {@code earlierFailures} failures in a row. */
    Duration delayAfter(int earlierFailures) {
        double millis = first.toMillis() * Math.pow(2.0, earlierFailures);
        return millis >= max.toMillis() ? max : Duration.ofMillis(Math.round(millis));
    }
}
