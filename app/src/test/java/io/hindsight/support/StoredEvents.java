package io.hindsight.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
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

    public byte[] payload(long position) {
        return jdbc.sql("SELECT payload FROM domain_event_entry WHERE global_index = :p")
                .param("p", position)
                .query(byte[].class)
                .single();
    }

    public void overwritePayload(long position, byte[] payload) {
        jdbc.sql("UPDATE domain_event_entry SET payload = :payload WHERE global_index = :p")
                .param("payload", payload)
                .param("p", position)
                .update();
    }
}
