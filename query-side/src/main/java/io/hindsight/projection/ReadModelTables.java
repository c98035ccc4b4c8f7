package io.hindsight.projection;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Generic operations on read-model tables: snapshots keyed by primary key, clearing, and the shadow
 * copies a verified replay is built in before they replace the live tables.
 */
@Component
public class ReadModelTables {

    public static final String LIVE_SCHEMA = "public";
    public static final String REBUILD_SCHEMA = "hs_rebuild";
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    private final JdbcClient jdbc;

    public ReadModelTables(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Map<String, String> snapshot(String... tables) {
        return snapshotIn(LIVE_SCHEMA, List.of(tables));
    }

    public Map<String, String> snapshotIn(String schema, List<String> tables) {
        Map<String, String> rows = new TreeMap<>();
        for (String table : tables) {
            String key = String.join(
                    " || '|' || ",
                    primaryKey(table).stream().map(c -> "t." + c + "::text").toList());
            jdbc.sql("SELECT " + key + " AS k, to_jsonb(t)::text AS v FROM " + checked(schema) + "." + checked(table)
                            + " t")
                    .query((rs, n) -> rows.put(table + ":" + rs.getString("k"), rs.getString("v")))
                    .list();
        }
        return rows;
    }

    public void deleteAll(String... tables) {
        for (String table : tables) {
            jdbc.sql("DELETE FROM " + checked(table)).update();
        }
    }

    /** Empty copies of the tables (columns, defaults, constraints, indexes) in the rebuild schema. */
    public void createShadows(List<String> tables) {
        jdbc.sql("CREATE SCHEMA IF NOT EXISTS " + REBUILD_SCHEMA).update();
        for (String table : tables) {
            jdbc.sql("DROP TABLE IF EXISTS " + REBUILD_SCHEMA + "." + checked(table))
                    .update();
            jdbc.sql("CREATE TABLE " + REBUILD_SCHEMA + "." + table + " (LIKE " + LIVE_SCHEMA + "." + table
                            + " INCLUDING ALL)")
                    .update();
        }
    }

    /** Makes the rebuilt copies the live tables; run in one transaction so readers see old or new. */
    public void swapInShadows(List<String> tables) {
        for (String table : tables) {
            jdbc.sql("DROP TABLE " + LIVE_SCHEMA + "." + checked(table)).update();
            jdbc.sql("ALTER TABLE " + REBUILD_SCHEMA + "." + table + " SET SCHEMA " + LIVE_SCHEMA)
                    .update();
        }
    }

    public void dropShadows(List<String> tables) {
        for (String table : tables) {
            jdbc.sql("DROP TABLE IF EXISTS " + REBUILD_SCHEMA + "." + checked(table))
                    .update();
        }
    }

    /** Inside the current transaction, unqualified table names resolve to the shadow copies first. */
    public void useShadowsInThisTransaction() {
        jdbc.sql("SET LOCAL search_path TO " + REBUILD_SCHEMA + ", " + LIVE_SCHEMA)
                .update();
    }

    private List<String> primaryKey(String table) {
        List<String> columns = jdbc.sql("""
                        SELECT a.attname FROM pg_index i
                        JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
                        WHERE i.indrelid = CAST(:table AS regclass) AND i.indisprimary
                        ORDER BY array_position(i.indkey, a.attnum)""")
                .param("table", LIVE_SCHEMA + "." + checked(table))
                .query(String.class)
                .list();
        if (columns.isEmpty()) {
            throw new IllegalStateException("Read-model table " + table + " has no primary key");
        }
        return columns;
    }

    private static String checked(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain SQL identifier: " + name);
        }
        return name;
    }
}
