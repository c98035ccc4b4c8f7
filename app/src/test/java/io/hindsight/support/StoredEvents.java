package io.hindsight.support;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Stored events as tests tamper with them through SQL, and the evidence chain they must wait for first. */
public final class StoredEvents {

    private final JdbcClient jdbc;

    public StoredEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Waits until the chainer has hashed the event, so that bytes changed afterwards show as tampering. */
    public void awaitChained(long position) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql("SELECT count(*) FROM evidence_chain WHERE position = :p")
                                .param("p", position)
                                .query(Long.class)
                                .single()
                        == 1);
    }

    /** The position of an aggregate's event, once the chainer has hashed it: ready to be tampered with. */
    public long chainedPositionOf(String aggregateId, long sequence) {
        long position = jdbc.sql("SELECT global_index FROM domain_event_entry"
                        + " WHERE aggregate_identifier = :id AND sequence_number = :sequence")
                .param("id", aggregateId)
                .param("sequence", sequence)
                .query(Long.class)
                .single();
        awaitChained(position);
        return position;
    }

    public byte[] payload(long position) {
        return jdbc.sql("SELECT payload FROM domain_event_entry WHERE global_index = :p")
                .param("p", position)
                .query(byte[].class)
                .single();
    }

    /**
     * Appends an event as an older release wrote it, its payload exactly these bytes: what an upgraded store holds
     * (another payload revision, personal fields in the clear, fields since removed).
     */
    public void appendAsWritten(
            String aggregateId,
            long sequence,
            String aggregateType,
            String payloadType,
            String revision,
            String actorId,
            String payload) {
        jdbc.sql("""
                        INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                                                        meta_data, payload, payload_revision, payload_type, time_stamp)
                        VALUES (:id, :sequence, :aggregateType, :eventId, :meta, :payload, :revision, :payloadType, :at)""")
                .param("id", aggregateId)
                .param("sequence", sequence)
                .param("aggregateType", aggregateType)
                .param("eventId", UUID.randomUUID().toString())
                .param(
                        "meta",
                        ("{\"actorId\":\"" + actorId + "\",\"correlationId\":\"legacy-import\"}")
                                .getBytes(StandardCharsets.UTF_8))
                .param("payload", payload.getBytes(StandardCharsets.UTF_8))
                .param("revision", revision)
                .param("payloadType", payloadType)
                .param("at", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString())
                .update();
    }

    public void overwritePayload(long position, byte[] payload) {
        jdbc.sql("UPDATE domain_event_entry SET payload = :payload WHERE global_index = :p")
                .param("payload", payload)
                .param("p", position)
                .update();
    }
}
