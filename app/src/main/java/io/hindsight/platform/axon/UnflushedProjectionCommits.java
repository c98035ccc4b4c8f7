package io.hindsight.platform.axon;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The projection processors' transactions commit without waiting for their WAL to reach the disk ({@code
 * synchronous_commit} off for that transaction alone). What they write is derived from events that are already
 * durable, and a projection's rows commit with its token: a database crash can lose the last fraction of a second of
 * folds, never part of one, and the processor folds those events again from its token. Commands, the event store, the
 * evidence chain and everything else outside the processors still wait for the flush. A transaction this one joins
 * keeps its own setting.
 */
final class UnflushedProjectionCommits implements TransactionManager {

    private final TransactionManager transactions;
    private final JdbcClient jdbc;

    UnflushedProjectionCommits(TransactionManager transactions, JdbcClient jdbc) {
        this.transactions = transactions;
        this.jdbc = jdbc;
    }

    @Override
    public Transaction startTransaction() {
        boolean joins = TransactionSynchronizationManager.isActualTransactionActive();
        Transaction transaction = transactions.startTransaction();
        if (!joins) {
            try {
                jdbc.sql("SET LOCAL synchronous_commit TO off").update();
            } catch (RuntimeException e) {
                transaction.rollback();
                throw e;
            }
        }
        return transaction;
    }
}
