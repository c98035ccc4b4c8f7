package io.hindsight.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.hindsight.common.MetadataKeys;
import io.hindsight.projection.EventStoreReader;
import io.hindsight.projection.UnreadablePayload;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

/**
 * All events in commit-safe order after a position, upcast to their current revision. Only positions
 * up to the {@link FeedHorizon} are served, so a reader never skips an event that commits late.
 */
@Component
public class EventFeed {

    private final EventStoreReader reader;
    private final FeedHorizon horizon;
    private final ObjectMapper json;

    public EventFeed(EventStoreReader reader, FeedHorizon horizon, ObjectMapper json) {
        this.reader = reader;
        this.horizon = horizon;
        this.json = json;
    }

    /**
     * A page holding every event committed before this call (after {@code after}), so a writer reads its own events;
     * only events of {@code types} (full class names, {@link EventTypeNames#payloadTypesOf}) unless it is empty.
     */
    public FeedPage after(long after, int limit, Set<String> types) {
        return upTo(horizon.probedNow(), after, limit, types);
    }

    /** The next page for a tail that polls anyway: a horizon at most 50 ms old is good enough and shared by every tail. */
    public FeedPage nextForTail(long after, int limit, Set<String> types) {
        return upTo(horizon.current(), after, limit, types);
    }

    private FeedPage upTo(long safe, long after, int limit, Set<String> types) {
        if (after >= safe) {
            return new FeedPage(List.of(), after);
        }
        List<TrackedEventMessage<?>> events = reader.readOfTypes(after, safe, limit, types);
        List<FeedItem> items = events.stream()
                .map(event -> toItem(
                        event,
                        EventStoreReader.positionOf(event),
                        event.getPayloadType().getSimpleName()))
                .toList();
        long next = items.size() < limit ? safe : items.get(items.size() - 1).position();
        return new FeedPage(items, next);
    }

    /** The position up to which the feed serves events now; a tail from here shows only what happens next. */
    public long head() {
        return horizon.probedNow();
    }

    /** An event whose stored payload no longer reads is served without it, so the feed goes on past it. */
    private FeedItem toItem(TrackedEventMessage<?> event, long position, String type) {
        DomainEventMessage<?> domain = event instanceof DomainEventMessage<?> d ? d : null;
        Object payload = UnreadablePayload.payloadToShow(event);
        MetaData metaData = UnreadablePayload.metaDataToShow(event);
        return new FeedItem(
                position,
                domain == null ? null : domain.getAggregateIdentifier(),
                domain == null ? null : domain.getType(),
                domain == null ? null : domain.getSequenceNumber(),
                type,
                event.getTimestamp(),
                (String) metaData.get(MetadataKeys.ACTOR_ID),
                (String) metaData.get(MetadataKeys.CORRELATION_ID),
                payload instanceof UnreadablePayload ? NullNode.getInstance() : json.valueToTree(payload),
                payload instanceof UnreadablePayload unreadable ? unreadable.reason() : null);
    }

    /** A page of the feed; {@code next} is the position to ask after for the following page. */
    public record FeedPage(List<FeedItem> items, long next) {}

    public record FeedItem(
            long position,
            String aggregateId,
            String aggregateType,
            Long sequence,
            String type,
            Instant timestamp,
            String actorId,
            String correlationId,
            JsonNode payload,
            @JsonInclude(JsonInclude.Include.NON_NULL) String unreadable) {}
}
