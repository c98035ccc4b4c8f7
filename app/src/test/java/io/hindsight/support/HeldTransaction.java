package io.hindsight.support;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Work done in a transaction on another thread and held there, uncommitted, until {@link #commit()}: its row
 * locks are taken, its changes not yet visible. Tests use it to put a request exactly in the middle of a
 * concurrent change and check that the request waits for it.
 */
public final class HeldTransaction implements AutoCloseable {

    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final CountDownLatch done = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final Future<?> transaction;

    private HeldTransaction(PlatformTransactionManager transactions, Runnable work) {
        TransactionTemplate template = new TransactionTemplate(transactions);
        transaction = thread.submit(() -> template.executeWithoutResult(status -> {
            work.run();
            done.countDown();
            awaitQuietly(release);
        }));
    }

    /** Runs {@code work} in a new transaction and returns once it is done but not committed. */
    public static HeldTransaction open(PlatformTransactionManager transactions, Runnable work)
            throws InterruptedException {
        HeldTransaction held = new HeldTransaction(transactions, work);
        held.done.await();
        return held;
    }

    /** Commits and waits until the commit is over. */
    public void commit() throws Exception {
        release.countDown();
        transaction.get();
    }

    @Override
    public void close() {
        release.countDown();
        thread.shutdown();
    }

    /** How many sessions wait for a lock in a statement that names {@code table}. */
    public static long lockWaitsOn(JdbcClient jdbc, String table) {
        return jdbc.sql("""
                        SELECT count(*) FROM pg_stat_activity
                        WHERE wait_event_type = 'Lock' AND query ILIKE :table""").param("table", "%" + table + "%").query(Long.class).single();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
