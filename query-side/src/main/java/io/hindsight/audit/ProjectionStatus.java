package io.hindsight.audit;

import io.hindsight.projection.ProjectionRebuilder;
import io.hindsight.projection.ProjectionRegistry;
import io.hindsight.projection.ReplayStatus;
import io.hindsight.query.QueryRole;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Optional;

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

    public ProjectionStatus(ProjectionRegistry registry, EventProcessingConfiguration processing,
                            ProjectionRebuilder rebuilder, DeadLetters deadLetters, JdbcClient jdbc,
                            Serializer serializer) {
        this.registry = registry;
        this.processing = processing;
        this.rebuilder = rebuilder;
        this.deadLetters = deadLetters;
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    public List<ProjectionView> all() {
        long head = jdbc.sql("SELECT coalesce(max(global_index), 0) FROM domain_event_entry").query(Long.class).single();
        return registry.names().stream().map(name -> describe(name, head)).toList();
    }

    private ProjectionView describe(String name, long head) {
        List<SegmentView> segments = jdbc.sql("""
                        SELECT segment, token, token_type, owner FROM token_entry
                        WHERE processor_name = :name ORDER BY segment""")
                .param("name", name)
                .query((rs, n) -> new SegmentView(rs.getInt("segment"),
                        position(rs.getBytes("token"), rs.getString("token_type")), rs.getString("owner")))
                .list();
        long position = segments.stream().mapToLong(SegmentView::position).min().orElse(0);
        ReplayStatus replay = rebuilder.status(name);
        Optional<StreamingEventProcessor> local = processing.eventProcessor(name, StreamingEventProcessor.class);
        String state;
        if (replay.state() == ReplayStatus.State.PAUSING || replay.state() == ReplayStatus.State.REBUILDING
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
        return new ProjectionView(name, position, Math.max(0, head - position), state, deadLetters.countFor(name),
                segments, replay.state().name());
    }

    private long position(byte[] token, String type) {
        if (token == null) {
            return 0;
        }
        TrackingToken tracking = serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
        return tracking == null ? 0 : tracking.position().orElse(0);
    }

    public record ProjectionView(String name, long position, long lag, String status, long deadLetters,
                                 List<SegmentView> segments, String lastReplay) {
    }

    public record SegmentView(int segment, long position, String owner) {
    }
}
