package io.hindsight.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The snapshot a node takes of an aggregate in the background, as stored, for tests of what a snapshot holds. */
public final class AggregateSnapshotRows {

    private AggregateSnapshotRows() {}

    /** Waits for the one snapshot of {@code aggregateId} at {@code revision}, and answers its payload's JSON. */
    public static String awaitPayload(JdbcClient jdbc, String aggregateId, String revision) {
        return await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> jdbc.sql("""
                                        SELECT convert_from(payload, 'UTF8') FROM snapshot_event_entry
                                        WHERE aggregate_identifier = :id AND payload_revision = :revision""")
                                .param("id", aggregateId)
                                .param("revision", revision)
                                .query(String.class)
                                .list(),
                        payloads -> payloads.size() == 1)
                .get(0);
    }
}
