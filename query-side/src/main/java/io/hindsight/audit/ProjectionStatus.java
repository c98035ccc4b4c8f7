package io.hindsight.audit;

import io.hindsight.projection.ProjectionRebuilder;
import io.hindsight.projection.ProjectionRegistry;
import io.hindsight.projection.ReplayStatus;
import io.hindsight.query.QueryRole;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Where each projection stands: its position in the event store, its lag, its state and dead letters. */
@QueryRole
@Service
public class ProjectionStatus {

    private final ProjectionRegistry registry;
    private final EventProcessingConfiguration processing;
    private final ProjectionRebuilder rebuilder;
    private final DeadLetters deadLetters;
    private final JdbcClient jdbc;
    private final Serializer serializer;

    public ProjectionStatus(
            ProjectionRegistry registry,
            EventProcessingConfiguration processing,
            ProjectionRebuilder rebuilder,
            DeadLetters deadLetters,
            JdbcClient jdbc,
            Serializer serializer) {
        this.registry = registry;
        this.processing = processing;
        this.rebuilder = rebuilder;
        this.deadLetters = deadLetters;
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    public List<ProjectionView> all() {
        long head = jdbc.sql("SELECT coalesce(max(global_index), 0) FROM domain_event_entry")
                .query(Long.class)
                .single();
        return registry.names().stream().map(name -> describe(name, head)).toList();
    }

    private ProjectionView describe(String name, long head) {
        Optional<StreamingEventProcessor> local = processing.eventProcessor(name, StreamingEventProcessor.class);
        Map<Integer, EventTrackerStatus> here =
                local.map(StreamingEventProcessor::processingStatus).orElse(Map.of());
        List<SegmentView> segments = jdbc.sql("""
                        SELECT segment, token, token_type, owner FROM token_entry
                        WHERE processor_name = :name ORDER BY segment""")
                .param("name", name)
                .query((rs, n) -> {
                    int segment = rs.getInt("segment");
                    long stored = position(rs.getBytes("token"), rs.getString("token_type"));
                    EventTrackerStatus live = here.get(segment);
                    long position =
                            live == null ? stored : live.getCurrentPosition().orElse(stored);
                    return new SegmentView(segment, position, rs.getString("owner"));
                })
                .list();
        long position = segments.stream().mapToLong(SegmentView::position).min().orElse(0);
        ReplayStatus replay = rebuilder.status(name);
        String state;
        if (replay.state() == ReplayStatus.State.PAUSING
                || replay.state() == ReplayStatus.State.REBUILDING
                || replay.state() == ReplayStatus.State.VERIFYING) {
            state = "REPLAYING";
        } else if (local.map(StreamingEventProcessor::isError).orElse(false)) {
            state = "ERROR";
        } else if (local.map(StreamingEventProcessor::isRunning).orElse(false)
                || segments.stream().anyMatch(s -> s.owner() != null)) {
            state = "RUNNING";
        } else {
            state = "STOPPED";
        }
        return new ProjectionView(
                name,
                position,
                Math.max(0, head - position),
                state,
                deadLetters.countFor(name),
                segments,
                replay.state().name());
    }

    private long position(byte[] token, String type) {
        if (token == null) {
            return 0;
        }
        TrackingToken tracking = serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
        return tracking == null ? 0 : tracking.position().orElse(0);
    }

    /**
     * {@code position} is the lowest position of its segments: where this node runs a segment, the
     * position its worker has reached; elsewhere the last one stored (stored positions trail the live ones
     * by up to a claim interval for segments that see no events of their own).
     */
    public record ProjectionView(
            String name,
            long position,
            long lag,
            String status,
            long deadLetters,
            List<SegmentView> segments,
            String lastReplay) {}

    public record SegmentView(int segment, long position, String owner) {}
}
