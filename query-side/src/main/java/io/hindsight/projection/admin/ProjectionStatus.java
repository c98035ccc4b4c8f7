package io.hindsight.projection.admin;

import io.hindsight.query.QueryRole;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Where each projection stands: its position in the event store, its lag, its state and dead letters. */
@QueryRole
@Service
public class ProjectionStatus {

    private final ProjectionRegistry registry;
    private final EventProcessingConfiguration processing;
    private final TrackingTokens tokens;
    private final ReplayRecords replays;
    private final DeadLetters deadLetters;
    private final JdbcClient jdbc;
    private final HeldSegments held;

    public ProjectionStatus(
            ProjectionRegistry registry,
            EventProcessingConfiguration processing,
            TrackingTokens tokens,
            ReplayRecords replays,
            DeadLetters deadLetters,
            JdbcClient jdbc,
            HeldSegments held) {
        this.held = held;
        this.registry = registry;
        this.processing = processing;
        this.tokens = tokens;
        this.replays = replays;
        this.deadLetters = deadLetters;
        this.jdbc = jdbc;
    }

    public List<ProjectionView> all() {
        long head = jdbc.sql("SELECT coalesce(max(global_index), 0) FROM domain_event_entry")
                .query(Long.class)
                .single();
        return registry.names().stream().map(name -> describe(name, head)).toList();
    }

    private ProjectionView describe(String name, long head) {
        Optional<StreamingEventProcessor> local = processing.eventProcessor(name, StreamingEventProcessor.class);
        Map<Integer, EventTrackerStatus> here = local.map(held::statuses).orElse(Map.of());
        List<SegmentView> segments = tokens.segments(name).stream()
                .map(stored -> {
                    EventTrackerStatus live = here.get(stored.segment());
                    long position = live == null
                            ? stored.position()
                            : live.getCurrentPosition().orElse(stored.position());
                    return new SegmentView(stored.segment(), position, stored.owner());
                })
                .toList();
        long position = segments.stream().mapToLong(SegmentView::position).min().orElse(0);
        ReplayStatus replay = replays.status(name);
        String state;
        if (segments.stream().anyMatch(s -> s.position() > head) && aheadOfStore(segments)) {
            state = "AHEAD_OF_STORE";
        } else if (replay.running()) {
            state = "REPLAYING";
        } else if (local.map(StreamingEventProcessor::isError).orElse(false)) {
            state = "ERROR";
        } else if (local.map(StreamingEventProcessor::isRunning).orElse(false)
                || segments.stream().anyMatch(s -> s.owner() != null)) {
            state = "RUNNING";
        } else {
            state = "STOPPED";
        }
        long lag = Math.max(0, head - position);
        return new ProjectionView(
                name,
                position,
                lag,
                lag == 0 ? 0 : waitingSeconds(position),
                state,
                deadLetters.countFor(name),
                segments,
                replay.state().name());
    }

    /**
     * A segment past the last stored event was moved there by hand (token_entry), or the store was restored without
     * its tokens: it will pass over every event appended up to its position, with a lag of 0. The head is read again
     * after the positions, so a segment that merely overtook the first read is not taken for one.
     */
    private boolean aheadOfStore(List<SegmentView> segments) {
        long head = jdbc.sql("SELECT coalesce(max(global_index), 0) FROM domain_event_entry")
                .query(Long.class)
                .single();
        return segments.stream().anyMatch(s -> s.position() > head);
    }

    /** How long the oldest event the projection has not handled yet has been waiting, by its timestamp. */
    private long waitingSeconds(long position) {
        return jdbc.sql("SELECT time_stamp FROM domain_event_entry WHERE global_index > :position"
                        + " ORDER BY global_index LIMIT 1")
                .param("position", position)
                .query(String.class)
                .optional()
                .map(stamp -> Math.max(
                        0, Duration.between(Instant.parse(stamp), Instant.now()).toSeconds()))
                .orElse(0L);
    }

    /**
     * {@code lagSeconds} is how long its oldest unhandled event has waited (0 when it has none).
     * {@code position} is the lowest position of its segments: where this node runs a segment, the position
     * its worker has reached; elsewhere the last one stored (stored positions trail the live ones by up to a
     * claim interval for segments that see no events of their own).
     */
    public record ProjectionView(
            String name,
            long position,
            long lag,
            long lagSeconds,
            String status,
            long deadLetters,
            List<SegmentView> segments,
            String lastReplay) {}

    public record SegmentView(int segment, long position, String owner) {}
}
