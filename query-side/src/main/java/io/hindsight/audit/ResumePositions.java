package io.hindsight.audit;

import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import org.springframework.stereotype.Component;

/**
 * Checks the position a client resumes the event feed or a live stream after. One this event store never gave out
 * (a cursor kept from another deployment, or from before a restore) was served as an empty feed for as long as the
 * store stayed below it: the client waited in silence. It is refused instead, so the client starts over.
 */
@Component
public class ResumePositions {

    private final FeedHorizon horizon;

    public ResumePositions(FeedHorizon horizon) {
        this.horizon = horizon;
    }

    /** {@code Last-Event-ID} when the client sends one, else {@code after}; null when neither. */
    public Long resumeAfter(String lastEventId, Long after) {
        Long from = after;
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                from = Long.parseLong(lastEventId.trim());
            } catch (NumberFormatException e) {
                throw new BusinessException(CommonError.VALIDATION_FAILED, "Last-Event-ID must be an event position");
            }
        }
        return from == null ? null : checked(from);
    }

    /** A position this store has given out (or 0). */
    public long checked(long after) {
        if (after < 0) {
            throw new BusinessException(CommonError.VALIDATION_FAILED, "A position is not negative");
        }
        // the last horizon this node saw settles every position a client can hold without asking the database, which
        // a request that reads the feed asks enough already (each call waits out its own timeout when it is away)
        if (after > 0 && after > horizon.lastKnown()) {
            long highest = horizon.highestTaken();
            if (after > highest) {
                throw new BusinessException(
                        CommonError.VALIDATION_FAILED,
                        "Position %d was never given out here: the feed ends at %d; start over from there or from 0",
                        after,
                        highest);
            }
        }
        return after;
    }
}
