package io.hindsight.projection.admin;

import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import io.hindsight.projection.FailureCauses;
import io.hindsight.query.Page;
import io.hindsight.query.Paging;
import io.hindsight.query.QueryRole;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Events a projection could not handle, parked with the rest of their aggregate's sequence. Listing
 * reads the table; retry and evict go through Axon so a retry replays the whole sequence in order.
 */
@QueryRole
@Service
public class DeadLetters {

    private final JdbcClient jdbc;
    private final EventProcessingConfiguration processing;

    public DeadLetters(JdbcClient jdbc, EventProcessingConfiguration processing) {
        this.jdbc = jdbc;
        this.processing = processing;
    }

    public Page<DeadLetterView> list(String projection, Paging paging) {
        String where = projection == null ? "" : " WHERE processing_group = :group";
        var count = jdbc.sql("SELECT count(*) FROM dead_letter_entry" + where);
        var select = jdbc.sql("SELECT dead_letter_identifier, processing_group, sequence_identifier, sequence_index,"
                + " payload_type, aggregate_identifier, sequence_number, enqueued_at, last_touched, cause_type, cause_message"
                + " FROM dead_letter_entry" + where
                + " ORDER BY processing_group, sequence_identifier, sequence_index LIMIT :limit OFFSET :offset");
        if (projection != null) {
            count = count.param("group", projection);
            select = select.param("group", projection);
        }
        long total = count.query(Long.class).single();
        List<DeadLetterView> items = select.param("limit", paging.limit())
                .param("offset", paging.offset())
                .query((rs, n) -> new DeadLetterView(
                        rs.getString("dead_letter_identifier"),
                        rs.getString("processing_group"),
                        rs.getString("sequence_identifier"),
                        rs.getLong("sequence_index"),
                        simpleName(rs.getString("payload_type")),
                        rs.getString("aggregate_identifier"),
                        (Long) rs.getObject("sequence_number"),
                        rs.getString("enqueued_at"),
                        rs.getString("last_touched"),
                        rs.getString("cause_type"),
                        FailureCauses.scrubbed(rs.getString("cause_message"))))
                .list();
        return Page.of(items, total, paging);
    }

    public long countFor(String projection) {
        return jdbc.sql("SELECT count(*) FROM dead_letter_entry WHERE processing_group = :group")
                .param("group", projection)
                .query(Long.class)
                .single();
    }

    /** Retries the letter's whole sequence; letters that fail again stay parked with the new cause. */
    public RetryOutcome retry(String letterId) {
        Located letter = locate(letterId);
        boolean succeeded = processing
                .sequencedDeadLetterProcessor(letter.group())
                .orElseThrow(() -> notFound(letterId))
                .process(candidate -> candidate instanceof JdbcDeadLetter<?> jdbcLetter
                        && jdbcLetter.getSequenceIdentifier().equals(letter.sequenceIdentifier()));
        return new RetryOutcome(letterId, letter.group(), succeeded, countFor(letter.group()));
    }

    public void evict(String letterId) {
        Located located = locate(letterId);
        SequencedDeadLetterQueue<EventMessage<?>> queue =
                processing.deadLetterQueue(located.group()).orElseThrow(() -> notFound(letterId));
        for (DeadLetter<? extends EventMessage<?>> letter : queue.deadLetterSequence(located.sequenceIdentifier())) {
            if (letter instanceof JdbcDeadLetter<?> jdbcLetter
                    && jdbcLetter.getIdentifier().equals(letterId)) {
                queue.evict(letter);
                return;
            }
        }
        throw notFound(letterId);
    }

    /**
     * Drops the letters of the projection after a replay rebuilt it with their events, except the
     * sequences (aggregates) whose events failed again in the replay: those stay parked.
     */
    public void clearExcept(String projection, java.util.Set<String> stillFailing) {
        processing.deadLetterQueue(projection).ifPresent(queue -> {
            for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
                for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                    if (letter instanceof JdbcDeadLetter<?> jdbcLetter
                            && !stillFailing.contains(jdbcLetter.getSequenceIdentifier())) {
                        queue.evict(letter);
                    }
                }
            }
        });
    }

    private Located locate(String letterId) {
        return jdbc.sql(
                        "SELECT processing_group, sequence_identifier FROM dead_letter_entry WHERE dead_letter_identifier = :id")
                .param("id", letterId)
                .query((rs, n) -> new Located(rs.getString(1), rs.getString(2)))
                .optional()
                .orElseThrow(() -> notFound(letterId));
    }

    private static BusinessException notFound(String letterId) {
        return new BusinessException(CommonError.NOT_FOUND, "No dead letter %s", letterId);
    }

    private static String simpleName(String type) {
        return type == null ? null : type.substring(type.lastIndexOf('.') + 1);
    }

    private record Located(String group, String sequenceIdentifier) {}

    public record DeadLetterView(
            String id,
            String projection,
            String sequenceIdentifier,
            long sequenceIndex,
            String eventType,
            String aggregateId,
            Long aggregateSequence,
            String enqueuedAt,
            String lastTouched,
            String causeType,
            String causeMessage) {}

    public record RetryOutcome(String id, String projection, boolean succeeded, long deadLettersLeft) {}
}
