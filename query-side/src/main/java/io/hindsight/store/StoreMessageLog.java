package io.hindsight.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hindsight.projection.ReadModelTables;
import io.hindsight.projection.TableProjection;
import io.hindsight.query.QueryRole;
import io.hindsight.store.api.CouponEvent;
import io.hindsight.store.api.StoreOrderEvent;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The durable log of the live streams' messages ({@code store_message}): one row per (stream, position of the
 * event that made it), so a redelivered event writes nothing new and a replay rebuilds the same rows. A client
 * that reconnects with {@code Last-Event-ID} is served from here.
 */
@QueryRole
@Component
@ProcessingGroup(StoreMessageLog.NAME)
public class StoreMessageLog extends TableProjection {

    public static final String NAME = "store-messages";
    static final String TABLE = "store_message";

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public StoreMessageLog(JdbcClient jdbc, ObjectMapper json, ReadModelTables tables) {
        super(NAME, tables, TABLE);
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(StoreOrderEvent event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        write(event, eventId, at);
    }

    @EventHandler
    void on(CouponEvent event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        write(event, eventId, at);
    }

    /**
     * Keyed by the event's own position in the store, read back by its id: the tracking token's position is the
     * highest the processor has seen, so an event that committed after a later one (two nodes appending at once) came
     * with the later one's position - the live log kept its message under another key than a replay, or lost it to
     * the later event's message on the same stream.
     */
    private void write(Object event, String eventId, Instant at) {
        long position = jdbc.sql("SELECT global_index FROM domain_event_entry WHERE event_identifier = :id")
                .param("id", eventId)
                .query(Long.class)
                .single();
        for (StoreMessage message : StoreMessages.of(event, position, at)) {
            jdbc.sql("""
                            INSERT INTO store_message (stream, position, type, at, data)
                            VALUES (:stream, :position, :type, :at, CAST(:data AS jsonb))
                            ON CONFLICT DO NOTHING""")
                    .param("stream", message.stream())
                    .param("position", message.position())
                    .param("type", message.type())
                    .param("at", java.sql.Timestamp.from(message.at()))
                    .param("data", write(message))
                    .update();
        }
    }

    private String write(StoreMessage message) {
        try {
            return json.writeValueAsString(message.data());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Message " + message.type() + " cannot be written", e);
        }
    }
}
