package io.hindsight.platform.axon;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Bean;

/**
 * Every aggregate is loaded from its latest snapshot and the events after it, so a command costs the same whatever
 * the length of its aggregate's stream (a profile changed daily for years, a popular campaign's pledges, a space's
 * likes). {@link AggregateConfigurerDefaults} gives every aggregate the trigger: a snapshot once
 * {@value #EVENTS_BETWEEN_SNAPSHOTS} events were applied since the last one, taken on a background thread after the
 * commit that crossed the threshold, so no command waits for it; a snapshot that is dropped (queue full, node
 * stopping) or fails is only taken later. A snapshot is the aggregate's fields in JSON; each aggregate carries a
 * {@code @Revision} (raise it when its fields change: snapshots of another revision are ignored).
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class AggregateSnapshotConfiguration implements DisposableBean {

    public static final String TRIGGER = "aggregateSnapshotTrigger";
    public static final int EVENTS_BETWEEN_SNAPSHOTS = 100;

    private static final Logger log = LoggerFactory.getLogger(AggregateSnapshotConfiguration.class);

    private final ExecutorService snapshotting = new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(1_000),
            runnable -> {
                Thread thread = new Thread(runnable, "aggregate-snapshotter");
                thread.setDaemon(true);
                return thread;
            },
            new ThreadPoolExecutor.DiscardPolicy());

    /**
     * The aggregate's fields, whatever their visibility; no getters, which are the aggregate's answers, not its state.
     * Not a bean: a second {@link Serializer} bean would displace Axon's general one.
     */
    static Serializer aggregateSnapshotSerializer() {
        return JacksonSerializer.builder()
                .objectMapper(JsonMapper.builder()
                        .addModule(new JavaTimeModule())
                        .addModule(SetsInStoredOrder.module())
                        .visibility(PropertyAccessor.ALL, Visibility.NONE)
                        .visibility(PropertyAccessor.FIELD, Visibility.ANY)
                        .visibility(PropertyAccessor.CREATOR, Visibility.ANY)
                        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                        .build())
                .build();
    }

    /**
     * A snapshot the aggregate's class can no longer read (a field changed without raising its revision) is passed
     * over, and the aggregate loaded from its events, instead of failing every command to it until it is deleted.
     */
    static SnapshotFilter readableBy(Serializer snapshotSerializer) {
        return snapshot -> {
            try {
                snapshotSerializer.deserialize(snapshot.getPayload());
                return true;
            } catch (RuntimeException unreadable) {
                log.warn(
                        "Passing over the unreadable snapshot of {} at sequence {}: {}",
                        snapshot.getAggregateIdentifier(),
                        snapshot.getSequenceNumber(),
                        unreadable.toString());
                return false;
            }
        };
    }

    @Bean
    public Snapshotter aggregateSnapshotter(
            Configuration configuration,
            HandlerDefinition handlerDefinition,
            ParameterResolverFactory parameterResolverFactory,
            EventStore eventStore,
            TransactionManager transactionManager,
            SnapshotterSpanFactory spanFactory) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(configuration::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(snapshotting)
                .build();
    }

    @Bean(TRIGGER)
    public SnapshotTriggerDefinition aggregateSnapshotTrigger(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, EVENTS_BETWEEN_SNAPSHOTS);
    }

    @Override
    public void destroy() {
        snapshotting.shutdownNow();
    }
}
