package io.hindsight.projection;

import io.hindsight.common.MetadataKeys;
import java.time.Instant;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.MetaData;

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
        return recorded(message, message.getMetaData(), message.getPayload());
    }

    /**
     * As {@link #of}, but an event whose payload no longer reads carries an {@link UnreadablePayload} rather than
     * failing, and one whose metadata no longer reads has no actor or correlation: for showing history, where one
     * damaged event must not hide the others, never for folding it.
     */
    public static RecordedEvent toShow(DomainEventMessage<?> message) {
        return recorded(message, UnreadablePayload.metaDataToShow(message), UnreadablePayload.payloadToShow(message));
    }

    private static RecordedEvent recorded(DomainEventMessage<?> message, MetaData metaData, Object payload) {
        return new RecordedEvent(
                message.getAggregateIdentifier(),
                message.getType(),
                message.getSequenceNumber(),
                message.getTimestamp(),
                (String) metaData.get(MetadataKeys.ACTOR_ID),
                (String) metaData.get(MetadataKeys.CORRELATION_ID),
                payload);
    }

    /** The simple name of the payload's type, read or not. */
    public String typeName() {
        return payload instanceof UnreadablePayload unreadable
                ? unreadable.typeName()
                : payload.getClass().getSimpleName();
    }
}
