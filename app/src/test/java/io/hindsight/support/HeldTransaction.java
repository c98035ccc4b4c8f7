package io.hindsight.support;

import static org.awaitility.Awaitility.await;

import io.restassured.response.Response;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
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

    /**
     * A reader of a guard row holds it; {@code writer} comes and waits for it; {@code laterReader} comes after the
     * writer. Lets the first reader commit, and answers the writer's response and what the later reader saw: with
     * writer-first locks the writer has gone ahead, so the later reader sees what it wrote.
     */
    public static <T> WriterBetweenReaders<T> writerBetweenReaders(
            PlatformTransactionManager transactions,
            JdbcClient jdbc,
            Runnable firstReader,
            Supplier<Response> writer,
            Supplier<T> laterReader)
            throws Exception {
        try (HeldTransaction first = open(transactions, firstReader)) {
            CompletableFuture<Response> writing = CompletableFuture.supplyAsync(writer);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> writing.isDone() || lockWaitsOn(jdbc, "pg_advisory_xact_lock") > 0);
            AtomicReference<T> seen = new AtomicReference<>();
            CompletableFuture<HeldTransaction> later = CompletableFuture.supplyAsync(() -> {
                try {
                    return open(transactions, () -> seen.set(laterReader.get()));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> later.isDone() || lockWaitsOn(jdbc, "pg_advisory_xact_lock") > 1);
            first.commit();
            Response written = writing.get(30, TimeUnit.SECONDS);
            later.get(30, TimeUnit.SECONDS).close();
            return new WriterBetweenReaders<>(written, seen.get());
        }
    }

    public record WriterBetweenReaders<T>(Response writer, T laterReader) {}

    /**
     * Sends the request while the account's resignation is held where it starts (its credentials row updated, not yet
     * committed) until the request waits for that row or is answered; then lets the resignation commit, and answers
     * what the request got. Only the row is changed, none of the wind-up a real resignation does, so a request that
     * does not wait for the row is answered as if the account were still there. The account is back afterwards, for
     * the cleanup that follows every test.
     */
    public static Response duringResignationOf(
            PlatformTransactionManager transactions, JdbcClient jdbc, String accountId, Supplier<Response> request)
            throws Exception {
        CompletableFuture<Response> racing;
        try (HeldTransaction resigning = open(transactions, () -> resigned(jdbc, accountId, true))) {
            racing = CompletableFuture.supplyAsync(request);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> racing.isDone() || lockWaitsOn(jdbc, "account_credentials") > 0);
            resigning.commit();
        }
        try {
            return racing.get(30, TimeUnit.SECONDS);
        } finally {
            resigned(jdbc, accountId, false);
        }
    }

    private static void resigned(JdbcClient jdbc, String accountId, boolean resigned) {
        jdbc.sql("UPDATE account_credentials SET resigned = :resigned WHERE account_id = :id")
                .param("resigned", resigned)
                .param("id", accountId)
                .update();
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
