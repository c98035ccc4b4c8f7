package io.hindsight.projection;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.MetaData;

/**
 * What history shows in place of an event's payload when its stored bytes no longer read as its type (a store
 * edited by hand, a class since removed): its type and that it does not read, never the bytes, which may hold
 * what was sealed. No read model folds it.
 */
public record UnreadablePayload(Class<?> storedType) {

    /** The message's payload, or what stands for it when it does not read. */
    public static Object payloadToShow(Message<?> message) {
        try {
            return message.getPayload();
        } catch (RuntimeException unreadable) {
            return new UnreadablePayload(message.getPayloadType());
        }
    }

    /** The message's metadata, or none when it does not read. */
    public static MetaData metaDataToShow(Message<?> message) {
        try {
            return message.getMetaData();
        } catch (RuntimeException unreadable) {
            return MetaData.emptyInstance();
        }
    }

    public String typeName() {
        return storedType.getSimpleName();
    }

    public String reason() {
        return "The stored payload does not read as " + storedType.getName();
    }
}
