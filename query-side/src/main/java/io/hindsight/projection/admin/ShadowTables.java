package io.hindsight.projection.admin;

import io.hindsight.projection.ReadModelTables;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The side-by-side copies a verified replay is built in: empty copies of a projection's tables in the
 * {@code hs_rebuild} schema, which replace the live tables when the rebuilt content differs.
 */
@Component
public class ShadowTables {

    static final String REBUILD_SCHEMA = "hs_rebuild";

    private final JdbcClient jdbc;
    private final ReadModelTables tables;

    public ShadowTables(JdbcClient jdbc, ReadModelTables tables) {
        this.jdbc = jdbc;
        this.tables = tables;
    }

    /** Empty copies of the tables (columns, defaults, constraints, indexes) in the rebuild schema. */
    public void create(List<String> names) {
        jdbc.sql("CREATE SCHEMA IF NOT EXISTS " + REBUILD_SCHEMA).update();
        for (String table : names) {
            jdbc.sql("DROP TABLE IF EXISTS " + REBUILD_SCHEMA + "." + table).update();
            jdbc.sql("CREATE TABLE " + REBUILD_SCHEMA + "." + table + " (LIKE " + ReadModelTables.LIVE_SCHEMA + "."
                            + table + " INCLUDING ALL)")
                    .update();
        }
    }

    /** Inside the current transaction, unqualified table names resolve to the shadow copies first. */
    public void useInThisTransaction() {
        jdbc.sql("SET LOCAL search_path TO " + REBUILD_SCHEMA + ", " + ReadModelTables.LIVE_SCHEMA)
                .update();
    }

    public Map<String, String> snapshot(List<String> names) {
        return tables.snapshotIn(REBUILD_SCHEMA, names);
    }

    /** Makes the copies the live tables; run in one transaction so readers see old or new. */
    public void swapIn(List<String> names) {
        for (String table : names) {
            jdbc.sql("DROP TABLE " + ReadModelTables.LIVE_SCHEMA + "." + table).update();
            jdbc.sql("ALTER TABLE " + REBUILD_SCHEMA + "." + table + " SET SCHEMA " + ReadModelTables.LIVE_SCHEMA)
                    .update();
        }
    }

    public void drop(List<String> names) {
        for (String table : names) {
            jdbc.sql("DROP TABLE IF EXISTS " + REBUILD_SCHEMA + "." + table).update();
        }
    }
}
