package io.hindsight.audit;

import io.hindsight.common.MetadataKeys;
import io.hindsight.projection.ReadModelTables;
import io.hindsight.projection.TableProjection;
import io.hindsight.query.QueryRole;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Indexes every event by the correlation id of the request that caused it. */
@QueryRole
@Component
@ProcessingGroup(CorrelationProjection.NAME)
public class CorrelationProjection extends TableProjection {

    public static final String NAME = "audit-correlations";
    static final String TABLE = "audit_correlation";

    private final JdbcClient jdbc;

    public CorrelationProjection(JdbcClient jdbc, ReadModelTables tables) {
        super(NAME, tables, TABLE);
        this.jdbc = jdbc;
    }

    /** Takes the message, not the payload, so no event is deserialized just to be indexed. */
    @EventHandler(payloadType = Object.class)
    void on(DomainEventMessage<?> message) {
        if (!(message.getMetaData().get(MetadataKeys.CORRELATION_ID) instanceof String correlationId)) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO audit_correlation (aggregate_id, sequence_number, correlation_id)
                        VALUES (:aggregate, :sequence, :correlation) ON CONFLICT DO NOTHING""")
                .param("aggregate", message.getAggregateIdentifier())
                .param("sequence", message.getSequenceNumber())
                .param("correlation", correlationId)
                .update();
    }
}
