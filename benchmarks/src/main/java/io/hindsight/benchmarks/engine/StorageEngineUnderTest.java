package io.hindsight.benchmarks.engine;

import com.zaxxer.hikari.HikariDataSource;
import io.hindsight.benchmarks.AccountEvents;
import io.hindsight.benchmarks.Database;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLErrorCodesResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.orm.jpa.vendor.HibernateJpaVendorAdapter;

/**
 * One Axon event storage engine wired by hand the way Spring Boot wires it in an application: HikariCP,
 * Spring's transaction manager behind Axon's, Jackson events; for JPA Hibernate 6 with the application's
 * snake_case naming, {@code bytea} payloads and the global index from the database.
 */
public final class StorageEngineUnderTest implements AutoCloseable {

    /** The application's event-store read batch (hindsight.projections.event-read-batch-size). */
    private static final int READ_BATCH_SIZE = 500;

    private final HikariDataSource dataSource;
    private final EntityManagerFactory entityManagerFactory;
    private final TransactionManager transactionManager;
    private final EventStorageEngine engine;
    private final AtomicLong eventNumbers = new AtomicLong();

    private StorageEngineUnderTest(
            HikariDataSource dataSource,
            EntityManagerFactory entityManagerFactory,
            TransactionManager transactionManager,
            EventStorageEngine engine) {
        this.dataSource = dataSource;
        this.entityManagerFactory = entityManagerFactory;
        this.transactionManager = transactionManager;
        this.engine = engine;
    }

    public static StorageEngineUnderTest start(EngineVariant variant, String jdbcUrl, int poolSize) {
        HikariDataSource dataSource = Database.pool(jdbcUrl, poolSize, variant.name());
        Serializer serializer = AccountEvents.serializer();
        return switch (variant.engine()) {
            case JDBC -> {
                TransactionManager transactions =
                        new SpringTransactionManager(new DataSourceTransactionManager(dataSource));
                EventStorageEngine engine = JdbcEventStorageEngine.builder()
                        .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(
                                new SpringDataSourceConnectionProvider(dataSource)))
                        .transactionManager(transactions)
                        .eventSerializer(serializer)
                        .snapshotSerializer(serializer)
                        .persistenceExceptionResolver(new JdbcSQLErrorCodesResolver())
                        .schema(snakeCaseSchema())
                        .batchSize(READ_BATCH_SIZE)
                        .build();
                yield new StorageEngineUnderTest(dataSource, null, transactions, engine);
            }
            case JPA -> {
                EntityManagerFactory factory = entityManagerFactory(dataSource);
                EntityManager entityManager = SharedEntityManagerCreator.createSharedEntityManager(factory);
                TransactionManager transactions = new SpringTransactionManager(new JpaTransactionManager(factory));
                EventStorageEngine engine;
                try {
                    engine = JpaEventStorageEngine.builder()
                            .entityManagerProvider(() -> entityManager)
                            .transactionManager(transactions)
                            .eventSerializer(serializer)
                            .snapshotSerializer(serializer)
                            .persistenceExceptionResolver(new SQLErrorCodesResolver(dataSource))
                            .batchSize(READ_BATCH_SIZE)
                            .build();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
                yield new StorageEngineUnderTest(dataSource, factory, transactions, engine);
            }
        };
    }

    /** The application's column names (AxonConfiguration.eventSchema). */
    static EventSchema snakeCaseSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    /**
     * Axon's own JPA entities; Hibernate validates them against the table, so a payload mapped to anything but
     * {@code bytea} fails here rather than being measured.
     */
    private static EntityManagerFactory entityManagerFactory(HikariDataSource dataSource) {
        LocalContainerEntityManagerFactoryBean factory = new LocalContainerEntityManagerFactoryBean();
        factory.setDataSource(dataSource);
        factory.setPackagesToScan("org.axonframework.eventsourcing.eventstore.jpa");
        factory.setMappingResources("META-INF/benchmark-orm.xml");
        factory.setJpaVendorAdapter(new HibernateJpaVendorAdapter());
        factory.setJpaPropertyMap(Map.of(
                "hibernate.dialect", ByteaPostgreSQLDialect.class.getName(),
                "hibernate.physical_naming_strategy", CamelCaseToUnderscoresNamingStrategy.class.getName(),
                "hibernate.hbm2ddl.auto", "validate"));
        factory.afterPropertiesSet();
        return factory.getObject();
    }

    /** Appends the events in one transaction and commits. */
    public void append(List<? extends EventMessage<?>> events) {
        transactionManager.executeInTransaction(() -> engine.appendEvents(events));
    }

    /** A new aggregate: its first event, committed on its own. */
    public void appendToNewAggregate(String aggregateId) {
        append(List.of(AccountEvents.signedUp(aggregateId, eventNumbers.incrementAndGet())));
    }

    /**
     * What a command on an existing aggregate costs the store: look for a snapshot and read the aggregate's events
     * as Axon's event store does for an aggregate load, payloads deserialized; append the next event; commit.
     */
    public long loadAndAppend(String aggregateId) {
        return transactionManager.fetchInTransaction(() -> {
            long firstSequence = engine.readSnapshot(aggregateId)
                    .map(snapshot -> snapshot.getSequenceNumber() + 1)
                    .orElse(0L);
            DomainEventStream stream = engine.readEvents(aggregateId, firstSequence);
            long last = -1;
            while (stream.hasNext()) {
                DomainEventMessage<?> event = stream.next();
                event.getPayload();
                last = event.getSequenceNumber();
            }
            engine.appendEvents(AccountEvents.profileChanged(aggregateId, last + 1, eventNumbers.incrementAndGet()));
            return last;
        });
    }

    @Override
    public void close() {
        if (entityManagerFactory != null) {
            entityManagerFactory.close();
        }
        dataSource.close();
    }
}
