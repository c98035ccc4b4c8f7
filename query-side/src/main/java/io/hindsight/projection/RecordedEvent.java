package io.hindsight.projection;

import io.hindsight.common.MetadataKeys;
import java.time.Instant;
import org.axonframework.eventhandling.DomainEventMessage;

/** An event as recorded in the event store, with what a fold may need besides the payload. */
public record RecordedEvent(
        String aggregateId,
        String aggregateType,
        long sequence,
        Instant timestamp,
        String actorId,
        String correlationId,
        Object payload) {

    public static RecordedEvent of(DomainEventMessage<?> message) {
        return new RecordedEvent(
                message.getAggregateIdentifier(),
                message.getType(),
                message.getSequenceNumber(),
                message.getTimestamp(),
                (String) message.getMetaData().get(MetadataKeys.ACTOR_ID),
                (String) message.getMetaData().get(MetadataKeys.CORRELATION_ID),
                message.getPayload());
    }
}
