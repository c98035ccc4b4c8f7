package io.hindsight.platform.axon;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * The one retry of the command side: a command that lost a race on the event store's (aggregate id,
 * sequence) key is sent again, so that it is decided on the winner's state. The clash is a ConcurrencyException,
 * or an AggregateStreamCreationException when the row that clashed starts a stream
 * ({@link ClashNamingEventStorageEngine}: Axon alone named it after the batch's first event, so a funding that lost
 * on its campaign's sequence read as its new transfer "already existing"). Both are retried, up to three times; a
 * genuine duplicate creation fails the same way each time and is then answered as before. So is a command the
 * database rolled back for another's sake ({@link #rolledBackByTheDatabase}). Nothing else is retried.
 *
 * <p>Retries wait on a thread of their own, not a bean: a {@code ScheduledExecutorService} bean would become the
 * scheduler of every {@code @Scheduled} task, and an hourly purge or a look at a hung database would then hold
 * back the retries of commands a client is waiting for.
 */
public class LostRaceRetryScheduler extends IntervalRetryScheduler implements AutoCloseable {

    static final int MAX_RETRIES = 3;
    static final long INTERVAL_MILLIS = 25;

    private final ScheduledExecutorService executor;

    public LostRaceRetryScheduler() {
        this(Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "command-retry");
            thread.setDaemon(true);
            return thread;
        }));
    }

    private LostRaceRetryScheduler(ScheduledExecutorService executor) {
        super(IntervalRetryScheduler.builder()
                .retryExecutor(executor)
                .maxRetryCount(MAX_RETRIES)
                .retryInterval((int) INTERVAL_MILLIS)
                .nonTransientFailurePredicate(failure -> false));
        this.executor = executor;
    }

    @Override
    public void close() {
        executor.shutdown();
    }

    @Override
    public boolean scheduleRetry(
            CommandMessage commandMessage,
            RuntimeException lastFailure,
            List<Class<? extends Throwable>[]> failures,
            Runnable dispatchTask) {
        return !sentFromAnotherCommand()
                && lostRace(commandMessage.getPayload(), lastFailure)
                && super.scheduleRetry(commandMessage, lastFailure, failures, dispatchTask);
    }

    /**
     * A command sent by another command's handler (a store order posting its points hold) runs in that command's
     * transaction. Retried on the retry thread it would run in a transaction of its own, waiting for the rows the
     * first one holds while the first waits for it; its failure is its sender's, which is retried whole instead.
     */
    static boolean sentFromAnotherCommand() {
        return CurrentUnitOfWork.isStarted();
    }

    static boolean lostRace(Object command, Throwable failure) {
        return failure instanceof ConcurrencyException
                || failure instanceof AggregateStreamCreationException
                || rolledBackByTheDatabase(failure);
    }

    /**
     * PostgreSQL rolled the command back to let another transaction on: a deadlock's victim (40P01) or a serialization
     * failure (40001). Nothing of it was applied, and sent again it meets the winner's rows committed. A lock not had
     * in time (55P03) is not retried: it is answered as the outage it most likely is.
     */
    static boolean rolledBackByTheDatabase(Throwable failure) {
        Throwable cause = failure;
        // bounded: a chain of causes may loop
        for (int depth = 0; cause != null && depth < 16; depth++, cause = cause.getCause()) {
            if (cause instanceof SQLException sql
                    && ("40P01".equals(sql.getSQLState()) || "40001".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
