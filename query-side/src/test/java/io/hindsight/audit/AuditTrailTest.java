package io.hindsight.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hindsight.common.BusinessException;
import io.hindsight.projection.EventHistory;
import io.hindsight.projection.ReadModel;
import io.hindsight.projection.RecordedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

class AuditTrailTest {

    /** The aggregate's events as the store holds them: sequences 0 to 2, then, after a gap, 700 to 1299. */
    private static final List<Long> STORED = LongStream.concat(
                    LongStream.rangeClosed(0, 2), LongStream.range(700, 1300))
            .boxed()
            .toList();

    private final EventHistory history = new EventHistory(null) {
        @Override
        public List<RecordedEvent> eventsToShowFrom(String aggregateId, long fromSequence, int limit) {
            return STORED.stream()
                    .filter(sequence -> aggregateId.equals("gapped") && sequence >= fromSequence)
                    .limit(limit)
                    .map(sequence -> new RecordedEvent(
                            aggregateId, "Test", sequence, Instant.EPOCH, "actor", "request", Map.of("n", sequence)))
                    .toList();
        }
    };

    @SuppressWarnings("unchecked")
    private final AuditTrail trail = new AuditTrail(
            history,
            (ObjectProvider<ReadModel<?>>)
                    (ObjectProvider<?>) new DefaultListableBeanFactory().getBeanProvider(ReadModel.class),
            new ObjectMapper());

    /** The whole trail was read by ranges of sequences, so a gap of a page's length (events deleted by hand) ended it. */
    @Test
    void theWholeTrailGoesOnPastAGapInTheSequences() {
        List<Long> shown = new ArrayList<>();
        trail.eachEventOf("gapped", event -> shown.add(event.sequence()));

        assertThat(shown).isEqualTo(STORED);
    }

    @Test
    void anAggregateWithoutEventsIsRefusedBeforeAnyIsShown() {
        List<Long> shown = new ArrayList<>();
        assertThatThrownBy(() -> trail.eachEventOf("unknown", event -> shown.add(event.sequence())))
                .isInstanceOf(BusinessException.class);
        assertThat(shown).isEmpty();
    }
}
