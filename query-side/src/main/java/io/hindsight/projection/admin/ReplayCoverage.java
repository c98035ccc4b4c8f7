package io.hindsight.projection.admin;

import java.util.Map;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.async.SequencingPolicy;

/**
 * Which events a paused projection has handled: per segment (events split by the processor's sequencing
 * policy), those at or below its token's position that are not gaps it still waits for. A replay feeds
 * exactly these, so the rebuilt and the live read model stand at the same point.
 */
final class ReplayCoverage {

    private final Map<Segment, TrackingToken> tokens;
    private final SequencingPolicy<? super EventMessage<?>> sequencing;

    ReplayCoverage(Map<Segment, TrackingToken> tokens, SequencingPolicy<? super EventMessage<?>> sequencing) {
        this.tokens = tokens;
        this.sequencing = sequencing;
    }

    /** The highest position any segment has reached (-1 before any). */
    long position() {
        return tokens.values().stream()
                .filter(t -> t != null)
                .mapToLong(t -> t.position().orElse(-1))
                .max()
                .orElse(-1);
    }

    boolean covers(EventMessage<?> event, long index) {
        Object sequence = sequencing.getSequenceIdentifierFor(event);
        Object key = sequence != null ? sequence : event.getIdentifier();
        for (Map.Entry<Segment, TrackingToken> entry : tokens.entrySet()) {
            if (entry.getKey().matches(key)) {
                return covers(entry.getValue(), index);
            }
        }
        return false;
    }

    /**
     * ({@code TrackingToken.covers} compares whole tokens, gaps included, which is not the question here.)
     */
    static boolean covers(TrackingToken token, long index) {
        if (token instanceof ReplayToken replay) {
            return covers(replay.getCurrentToken(), index);
        }
        if (token instanceof GapAwareTrackingToken gapAware) {
            return index <= gapAware.getIndex() && !gapAware.getGaps().contains(index);
        }
        return token != null && token.position().orElse(-1) >= index;
    }
}
