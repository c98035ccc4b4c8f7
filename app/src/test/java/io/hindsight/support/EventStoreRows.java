package io.hindsight.support;

import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Rows of the event store as an insider with database access could take them out, put back as they were. */
public final class EventStoreRows {

    private EventStoreRows() {}

    /** Inserts {@code row} again, column for column; the store's append-only triggers are bypassed, as by an insider. */
    public static void putBack(
            JdbcClient jdbc, PlatformTransactionManager transactionManager, Map<String, Object> row) {
        new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
            jdbc.sql("SET LOCAL session_replication_role = replica").update();
            var insert = jdbc.sql("INSERT INTO domain_event_entry (" + String.join(", ", row.keySet()) + ") VALUES ("
                    + String.join(", ", row.keySet().stream().map(c -> ":" + c).toList()) + ")");
            for (Map.Entry<String, Object> column : row.entrySet()) {
                insert = insert.param(column.getKey(), column.getValue());
            }
            insert.update();
        });
    }
}
