package io.hindsight.command;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Lets a writer of a guard row in ahead of readers that come after it. PostgreSQL's row locks do not queue: an update
 * of a row others hold FOR SHARE waits until no reader holds it, and a reader arriving meanwhile joins the readers, so
 * a space booked without pause could never be unlisted - not by its host, not by an ADMIN taking HOST away (503 after
 * the lock timeout). Its heavyweight locks do queue: once a writer waits, a later reader waits behind it. So the
 * readers and writers of such a row take a transaction-scoped advisory lock on it first, shared or exclusive.
 */
@Component
public class WriterFirstLocks {

    private final JdbcClient jdbc;

    public WriterFirstLocks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Before reading the row FOR SHARE. */
    public void beforeReading(String kind, String id) {
        jdbc.sql("SELECT pg_advisory_xact_lock_shared(hashtextextended(:key, 0))")
                .param("key", kind + ":" + id)
                .query()
                .singleRow();
    }

    /** Before changing the row or reading it FOR UPDATE; several rows in one order (their ids'), or two could deadlock. */
    public void beforeWriting(String kind, String id) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .param("key", kind + ":" + id)
                .query()
                .singleRow();
    }
}
