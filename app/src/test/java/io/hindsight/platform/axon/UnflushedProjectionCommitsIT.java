package io.hindsight.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.hindsight.support.IntegrationTest;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Only the projection processors' transactions commit without waiting for the WAL flush: commands, and a
 * transaction a projection's work joins, keep waiting for it.
 */
class UnflushedProjectionCommitsIT extends IntegrationTest {

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    TransactionManager axonTransactions;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyProjectionProcessorCommitsUnflushed() {
        assertThat(processing.eventProcessors().values())
                .isNotEmpty()
                .allSatisfy(processor -> assertThat(ReflectionTestUtils.getField(processor, "transactionManager"))
                        .as(processor.getName())
                        .isInstanceOf(UnflushedProjectionCommits.class));
    }

    @Test
    void aProjectionTransactionAloneSkipsTheFlush() {
        UnflushedProjectionCommits projections = new UnflushedProjectionCommits(axonTransactions, jdbc);
        TransactionTemplate outer = new TransactionTemplate(transactions);

        assertThat(projections.fetchInTransaction(this::synchronousCommit)).isEqualTo("off");
        assertThat(axonTransactions.fetchInTransaction(this::synchronousCommit))
                .as("a command's transaction")
                .isEqualTo("on");
        assertThat(outer.<String>execute(tx -> projections.fetchInTransaction(this::synchronousCommit)))
                .as("an outer transaction it joins")
                .isEqualTo("on");
        for (int i = 0; i < 20; i++) {
            projections.executeInTransaction(() -> {});
            assertThat(outer.<String>execute(tx -> synchronousCommit()))
                    .as("a later transaction on a pooled connection")
                    .isEqualTo("on");
        }
    }

    private String synchronousCommit() {
        return jdbc.sql("SHOW synchronous_commit").query(String.class).single();
    }
}
