package io.hindsight.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

class ClashNamingEventStorageEngineTest {

    /** As pgjdbc reports a batch insert PostgreSQL refused: the statement's error is the batch's next exception. */
    private static Exception batchRefused(String aggregate, long sequence) {
        PSQLException refused = new PSQLException(new ServerErrorMessage("SERROR\0C23505\0Mduplicate key value violates"
                + " unique constraint \"domain_event_entry_aggregate_sequence\"\0DKey (aggregate_identifier,"
                + " sequence_number)=(" + aggregate + ", " + sequence + ") already exists.\0"));
        BatchUpdateException batch = new BatchUpdateException(
                "Batch entry 0 INSERT INTO domain_event_entry was aborted", "23505", 0, new int[0]);
        batch.setNextException(refused);
        return new ConcurrencyException("as Axon wraps it", batch);
    }

    @Test
    void namesTheSequenceOfTheRowPostgresqlRefused() {
        assertThat(ClashNamingEventStorageEngine.clashingSequence(batchRefused("cmp-1", 54)))
                .contains(54L);
        assertThat(ClashNamingEventStorageEngine.clashingSequence(batchRefused("tr-funding-cmp-1-a", 0)))
                .contains(0L);
        assertThat(ClashNamingEventStorageEngine.clashingSequence(batchRefused("slot-x-2027-01-01, with a comma", 7)))
                .contains(7L);
    }

    /** The engine itself: a clash on a row past the first of its stream is a lost race, whatever the batch began with. */
    @Test
    void aClashOnAnExistingStreamIsALostRaceEvenWhenTheBatchBeganANewOne() {
        ClashNamingEventStorageEngine engine = new ClashNamingEventStorageEngine(JdbcEventStorageEngine.builder()
                .connectionProvider(() -> {
                    throw new SQLException("not used");
                })
                .transactionManager(NoTransactionManager.INSTANCE)
                .persistenceExceptionResolver(new SQLStateResolver("23505"))
                .snapshotSerializer(JacksonSerializer.defaultSerializer())
                .eventSerializer(JacksonSerializer.defaultSerializer()));
        DomainEventMessage<String> newTransfer =
                new GenericDomainEventMessage<>("LedgerTransfer", "tr-funding-cmp-1-a", 0, "held");

        assertThatThrownBy(() -> engine.handlePersistenceException(batchRefused("cmp-1", 54), newTransfer))
                .isExactlyInstanceOf(ConcurrencyException.class);
        assertThatThrownBy(() -> engine.handlePersistenceException(batchRefused("tr-funding-cmp-1-a", 0), newTransfer))
                .isInstanceOf(AggregateStreamCreationException.class);
    }

    @Test
    void namesNothingForAnotherFailure() {
        assertThat(ClashNamingEventStorageEngine.clashingSequence(new IllegalStateException("not SQL")))
                .isEmpty();
        assertThat(ClashNamingEventStorageEngine.clashingSequence(new PSQLException(new ServerErrorMessage(
                        "SERROR\0C23505\0Mduplicate key value violates unique constraint \"other\"\0"
                                + "DKey (id)=(1) already exists.\0"))))
                .isEmpty();
    }
}
