package io.hindsight.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Runs again the part of a SQL migration that fills a table from the events, so a test can empty the rows a command
 * wrote and check that the migration writes the same ones for data older than the table.
 */
public final class MigrationFills {

    private MigrationFills() {}

    /** Runs {@code migration} (a file name under {@code db/migration}) from its statement starting with {@code from}. */
    public static void rerun(JdbcClient jdbc, String migration, String from) {
        try (InputStream in = MigrationFills.class.getResourceAsStream("/db/migration/" + migration)) {
            if (in == null) {
                throw new IllegalArgumentException("No migration " + migration);
            }
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int start = sql.indexOf(from);
            if (start < 0) {
                throw new IllegalArgumentException(migration + " has no statement starting with " + from);
            }
            jdbc.sql(sql.substring(start)).update();
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
