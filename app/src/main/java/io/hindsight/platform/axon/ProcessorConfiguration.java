package io.hindsight.platform.axon;

import io.hindsight.platform.outage.Outages;
import io.hindsight.projection.FailureCauses;
import io.hindsight.projection.OneEventAtATime;
import io.hindsight.projection.Projection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.SQLTransientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.springboot.util.DeadLetterQueueProviderConfigurerModule;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every projection is a pooled streaming processor that never skips an event: a failure is retried
 * (transient) or dead-lettered with the rest of its aggregate's sequence (anything else).
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class ProcessorConfiguration {

    /**
     * How often an idle segment's claim is renewed: well within the 5 s claim timeout (application.yml), after
     * which other nodes take over a dead node's segments.
     */
    static final Duration CLAIM_EXTENSION_THRESHOLD = Duration.ofMillis(1500);

    /**
     * A failed batch is retried by the processor; {@link OneEventAtATime} makes the retry handle its events
     * one by one, so the event at fault is dead-lettered alone instead of failing the batch forever.
     */
    @Autowired
    public void configureProcessors(
            EventProcessingConfigurer processing,
            ProjectionProperties projections,
            OneEventAtATime oneAtATime,
            ObjectProvider<MeterRegistry> meters,
            ObjectProvider<WakingEventSource> eventSource,
            JdbcClient jdbc,
            Clock clock) {
        processing
                .usingPooledStreamingEventProcessors((configuration, builder) -> builder.batchSize(
                                projections.batchSize())
                        .transactionManager(projectionTransactions(
                                configuration.getComponent(TransactionManager.class), projections, jdbc))
                        .initialSegmentCount(projections.segments())
                        .tokenClaimInterval(projections.tokenClaimInterval().toMillis())
                        .claimExtensionThreshold(CLAIM_EXTENSION_THRESHOLD.toMillis())
                        .messageSource(eventSource.getObject()))
                .registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance())
                .registerDefaultErrorHandler(configuration -> failedBatch -> {
                    oneAtATime.batchFailed(failedBatch.eventProcessor(), failedBatch.failedEvents());
                    PropagatingErrorHandler.instance().handleError(failedBatch);
                })
                .registerDefaultHandlerInterceptor((configuration, processor) -> oneAtATime.interceptorFor(processor))
                .registerDefaultHandlerInterceptor((configuration, processor) -> lagOf(processor, meters, clock))
                .registerDefaultDeadLetterPolicy(configuration -> retryTransientFailures());
    }

    /** Unflushed ({@link UnflushedProjectionCommits}) unless {@code hindsight.projections.synchronous-commit}. */
    private static TransactionManager projectionTransactions(
            TransactionManager transactions, ProjectionProperties projections, JdbcClient jdbc) {
        return projections.synchronousCommit() ? transactions : new UnflushedProjectionCommits(transactions, jdbc);
    }

    /**
     * Axon's embedded event store with its reader's fetches throttled (see {@link ThrottledEventStore}), stamping each
     * transaction's events with one instant (see {@link OneInstantPerTransaction}).
     */
    @Qualifier("eventStore") @Bean(name = "eventBus")
    ThrottledEventStore eventStore(
            EventStorageEngine storageEngine,
            Configuration configuration,
            ProjectionProperties projections,
            ObjectProvider<FreshAggregateCache> aggregateCaches) {
        ThrottledEventStore store = new ThrottledEventStore(
                EmbeddedEventStore.builder()
                        .storageEngine(storageEngine)
                        .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                        .spanFactory(configuration.getComponent(EventBusSpanFactory.class)),
                projections.fetchWindow());
        store.registerDispatchInterceptor(new OneInstantPerTransaction(
                aggregateIds -> aggregateCaches.forEach(cache -> aggregateIds.forEach(cache::remove))));
        return store;
    }

    /** The event store as every projection processor reads it, woken by its fetches (see {@link WakingEventSource}). */
    @Bean
    WakingEventSource wakingEventSource(ThrottledEventStore eventStore) {
        WakingEventSource source = new WakingEventSource(eventStore);
        eventStore.whenFetching(source::wakeFor);
        eventStore.whenFetchingUnknownTypes(source::wakeAll);
        return source;
    }

    /**
     * {@code hindsight.projection.lag}: per projection, the time from an event's creation (just before its
     * command commits) to the commit of the projection transaction that handled it - when its rows became
     * visible to readers.
     */
    private static MessageHandlerInterceptor<EventMessage<?>> lagOf(
            String processor, ObjectProvider<MeterRegistry> meters, Clock clock) {
        MeterRegistry registry = meters.getIfAvailable();
        if (registry == null) {
            return (unitOfWork, chain) -> chain.proceed();
        }
        return lagOf(processor, registry, clock);
    }

    static MessageHandlerInterceptor<EventMessage<?>> lagOf(String processor, MeterRegistry registry, Clock clock) {
        Timer lag = Timer.builder("hindsight.projection.lag")
                .description("From an event's creation to the commit of the projection transaction that handled it")
                .tag("projection", processor)
                .publishPercentiles(0.5, 0.95, 0.99)
                .distributionStatisticExpiry(Duration.ofMinutes(5))
                .register(registry);
        return (unitOfWork, chain) -> {
            Instant created = unitOfWork.getMessage().getTimestamp();
            unitOfWork.afterCommit(u -> {
                Duration sinceCreated = Duration.between(created, clock.instant());
                // an event stamped by a node whose clock runs ahead of this one's was handled at once, not before it
                lag.record(sinceCreated.isNegative() ? Duration.ZERO : sinceCreated);
            });
            return chain.proceed();
        };
    }

    /**
     * Every processing group gets a dead-letter queue in PostgreSQL. Replaces Axon's own provider, which
     * would only enable queues listed one by one in the properties. Each group also remembers which
     * aggregates have nothing parked, instead of asking the queue table for every event it handles.
     */
    @Bean
    public DeadLetterQueueProviderConfigurerModule deadLetterQueueForEveryProjection(
            EventProcessorProperties properties,
            ListableBeanFactory beans,
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager,
            DeadLetterSchema deadLetterSchema,
            Serializer serializer,
            @Qualifier("eventSerializer") Serializer eventSerializer) {
        Function<String, Function<Configuration, SequencedDeadLetterQueue<EventMessage<?>>>> queues =
                processingGroup -> configuration -> JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                        .processingGroup(processingGroup)
                        .connectionProvider(connectionProvider)
                        .transactionManager(transactionManager)
                        .schema(deadLetterSchema)
                        .genericSerializer(serializer)
                        .eventSerializer(eventSerializer)
                        .build();
        return new DeadLetterQueueProviderConfigurerModule(properties, queues) {
            @Override
            public void configureModule(Configurer configurer) {
                EventProcessingConfigurer processing =
                        configurer.eventProcessing().registerDeadLetterQueueProvider(queues);
                processingGroups(beans)
                        .forEach(group -> processing.registerDeadLetteringEventHandlerInvokerConfiguration(
                                group, (configuration, invoker) -> invoker.enableSequenceIdentifierCache()));
            }
        };
    }

    private static Set<String> processingGroups(ListableBeanFactory beans) {
        Set<String> groups = new TreeSet<>();
        beans.getBeanProvider(Projection.class).orderedStream().forEach(p -> groups.add(p.name()));
        return groups;
    }

    /**
     * A database hiccup, or Redis refusing writes for a state of its own ({@link Outages#isRedisRefusal}), is not the event's fault: it is not dead-lettered but fails the whole batch, which
     * the processor retries (declining to enqueue would skip the event). Everything else parks the event
     * (and the rest of its aggregate's sequence), with a cause that names the failure but quotes none of the values
     * it met ({@link FailureCauses}): the letter is shown to ADMINs and kept until it is retried or evicted, and
     * PostgreSQL's errors quote the row they refused. The policy decides every enqueue and every requeue of a retry.
     */
    private static EnqueuePolicy<EventMessage<?>> retryTransientFailures() {
        return (letter, cause) -> {
            if (isTransient(cause)) {
                throw new TransientProjectionFailure(cause);
            }
            return Decisions.enqueue(parked(cause));
        };
    }

    /** Axon's own cause, cut to the column as {@link ThrowableCause#truncated} does, with the described text. */
    static ThrowableCause parked(Throwable cause) {
        String text = String.valueOf(FailureCauses.describe(cause));
        return new ThrowableCause(
                cause.getClass().getName(),
                text.substring(0, Math.min(text.length(), ThrowableCause.TRUNCATED_MESSAGE_SIZE)));
    }

    /** Fails the batch so that the processor retries it, instead of dead-lettering an event for an outage. */
    static final class TransientProjectionFailure extends RuntimeException {
        TransientProjectionFailure(Throwable cause) {
            super("A projection's storage failed; the batch is retried", cause);
        }
    }

    static boolean isTransient(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof TransientDataAccessException
                    || t instanceof RecoverableDataAccessException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof CannotGetJdbcConnectionException
                    || t instanceof SQLTransientException
                    || Outages.isRedisRefusal(t)) {
                return true;
            }
        }
        return false;
    }
}
