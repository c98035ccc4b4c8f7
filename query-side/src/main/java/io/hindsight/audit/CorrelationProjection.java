package io.hindsight.audit;

import io.hindsight.common.MetadataKeys;
import io.hindsight.projection.OneEventAtATime;
import io.hindsight.projection.ReadModelTables;
import io.hindsight.projection.SqlArrays;
import io.hindsight.projection.TableProjection;
import io.hindsight.query.QueryRole;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Indexes every event by the correlation id of the request that caused it. The rows of a processor's batch
 * are inserted in one statement when it commits: every command's events pass through here, and a statement
 * per event was a round trip per event.
 */
@QueryRole
@Component
@ProcessingGroup(CorrelationProjection.NAME)
public class CorrelationProjection extends TableProjection {

    public static final String NAME = "audit-correlations";
    static final String TABLE = "audit_correlation";
    private static final String BATCH = CorrelationProjection.class.getName() + ".batch";

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
        Correlation row = new Correlation(message.getAggregateIdentifier(), message.getSequenceNumber(), correlationId);
        if (OneEventAtATime.isolated()) {
            insert(List.of(row));
            return;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        batch.<List<Correlation>>getOrComputeResource(BATCH, key -> {
                    List<Correlation> rows = new ArrayList<>();
                    batch.onPrepareCommit(u -> insert(rows));
                    return rows;
                })
                .add(row);
    }

    private void insert(List<Correlation> rows) {
        jdbc.sql("""
                        INSERT INTO audit_correlation (aggregate_id, sequence_number, correlation_id)
                        SELECT * FROM unnest(CAST(:aggregates AS text[]), CAST(:sequences AS bigint[]),
                            CAST(:correlations AS text[]))
                        ON CONFLICT DO NOTHING""")
                .param("aggregates", SqlArrays.literal(rows, Correlation::aggregateId))
                .param("sequences", SqlArrays.literal(rows, Correlation::sequence))
                .param("correlations", SqlArrays.literal(rows, Correlation::correlationId))
                .update();
    }

    private record Correlation(String aggregateId, long sequence, String correlationId) {}
}
