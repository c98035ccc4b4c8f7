package io.hindsight.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;

/** A streaming processor of the running application and how far its tokens are in the event table. */
public final class ProjectionProgress {

    private static final long POLL_NANOS = Duration.ofMillis(2).toNanos();

    private final String name;
    private final StreamingEventProcessor processor;
    private final DataSource dataSource;

    public ProjectionProgress(InProcessApp app, String name) {
        this.name = name;
        this.processor = app.streamingProcessor(name);
        this.dataSource = app.dataSource();
    }

    /** The last global index and the number of rows of the application's event table. */
    public record EventTableHead(long lastGlobalIndex, long events) {}

    public EventTableHead head() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT coalesce(max(global_index), -1), count(*) FROM domain_event_entry");
                ResultSet row = query.executeQuery()) {
            row.next();
            return new EventTableHead(row.getLong(1), row.getLong(2));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public int segments() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query =
                        connection.prepareStatement("SELECT count(*) FROM token_entry WHERE processor_name = ?")) {
            query.setString(1, name);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether every segment has processed the event at {@code globalIndex}. */
    public boolean reached(long globalIndex, int segments) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        if (status.size() < segments) {
            return false;
        }
        for (EventTrackerStatus segment : status.values()) {
            if (segment.isErrorState()) {
                throw new IllegalStateException("Processor " + name + " failed: " + segment.getError());
            }
            if (segment.getCurrentPosition().orElse(-1) < globalIndex) {
                return false;
            }
        }
        return true;
    }

    public void await(long globalIndex, Duration timeout) {
        int segments = segments();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!reached(globalIndex, segments)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        new TimeoutException("Processor " + name + " did not reach global index " + globalIndex
                                + " within " + timeout + ": " + processor.processingStatus()));
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /** Stops the processor and resets its tokens to the start of the stream; its reset handler clears its tables. */
    public void shutDownAndReset() {
        processor.shutDown();
        processor.resetTokens();
    }

    public void start() {
        processor.start();
    }
}
