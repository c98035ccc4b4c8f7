package io.hindsight.query;

import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.stereotype.Component;

/**
 * How many live streams one caller may hold open on this node. A stream holds a connection, not a request thread, so
 * one account had opened 600 and could have gone on to the 8,192 connections Tomcat takes, keeping new clients out.
 */
@Component
public class LiveStreamShares {

    private final int perCaller;
    private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

    public LiveStreamShares(@Value("${hindsight.streams.per-account:16}") int perCaller) {
        if (perCaller < 1) {
            // below one every stream would be refused: a node that cannot stream is no setting but a mistake
            throw new InvalidConfigurationPropertyValueException(
                    "hindsight.streams.per-account", perCaller, "An account needs at least one live stream.");
        }
        this.perCaller = perCaller;
    }

    /**
     * Takes one of the caller's shares or refuses with 429 {@code RATE_LIMITED}; the answer gives it back, once however
     * often it is run, when the stream ends.
     */
    public Runnable takeOrRefuse(String caller) {
        AtomicBoolean taken = new AtomicBoolean();
        open.compute(caller, (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= perCaller) {
                return count;
            }
            taken.set(true);
            return now + 1;
        });
        if (!taken.get()) {
            throw new BusinessException(
                    CommonError.RATE_LIMITED,
                    "You have %d live streams open on this node already; close one before opening another",
                    perCaller);
        }
        AtomicBoolean given = new AtomicBoolean();
        return () -> {
            if (given.compareAndSet(false, true)) {
                open.computeIfPresent(caller, (key, count) -> count > 1 ? count - 1 : null);
            }
        };
    }
}
