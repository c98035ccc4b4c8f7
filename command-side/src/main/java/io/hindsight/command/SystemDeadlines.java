package io.hindsight.command;

import io.hindsight.common.MetadataKeys;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;

/**
 * Deadline messages run as the system, not as the caller whose command scheduled them, but keep that
 * command's correlation id so the audit trail links the two.
 */
public final class SystemDeadlines {

    private SystemDeadlines() {}

    public static <T> GenericMessage<T> message(T payload, MetaData scheduledBy) {
        Map<String, Object> metaData = new HashMap<>();
        metaData.put(MetadataKeys.ACTOR_ID, MetadataKeys.SYSTEM_ACTOR);
        Object correlationId = scheduledBy.get(MetadataKeys.CORRELATION_ID);
        if (correlationId != null) {
            metaData.put(MetadataKeys.CORRELATION_ID, correlationId);
        }
        return new GenericMessage<>(payload, MetaData.from(metaData));
    }
}
