package io.hindsight.projection;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Generic operations on read-model tables: snapshots keyed by primary key, and clearing them. */
@Component
public class ReadModelTables {

    public static final String LIVE_SCHEMA = "public";

    private final JdbcClient jdbc;

    public ReadModelTables(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Map<String, String> snapshot(Collection<String> tables) {
        return snapshotIn(LIVE_SCHEMA, tables);
    }

    /** Every row of the tables in {@code schema}, keyed {@code table:primary key}, as canonical JSON. */
    public Map<String, String> snapshotIn(String schema, Collection<String> tables) {
        Map<String, String> rows = new TreeMap<>();
        for (String table : tables) {
            String key = keyOf(table);
            jdbc.sql("SELECT " + key + " AS k, to_jsonb(t)::text AS v FROM " + Where.identifier(schema) + "."
                            + Where.identifier(table) + " t")
                    .query((rs, n) -> rows.put(table + ":" + rs.getString("k"), rs.getString("v")))
                    .list();
        }
        return rows;
    }

    /** The rows of a shared table that belong to one projection, keyed like {@link #snapshot(Collection)}. */
    public Map<String, String> snapshot(Projection.TableSlice slice) {
        Map<String, String> rows = new TreeMap<>();
        jdbc.sql("SELECT " + keyOf(slice.table()) + " AS k, to_jsonb(t)::text AS v FROM " + LIVE_SCHEMA + "."
                        + Where.identifier(slice.table()) + " t WHERE t." + Where.identifier(slice.ownerColumn())
                        + " = :owner")
                .param("owner", slice.owner())
                .query((rs, n) -> rows.put(slice.table() + ":" + rs.getString("k"), rs.getString("v")))
                .list();
        return rows;
    }

    public void deleteAll(Projection.TableSlice slice) {
        jdbc.sql("DELETE FROM " + Where.identifier(slice.table()) + " WHERE " + Where.identifier(slice.ownerColumn())
                        + " = :owner")
                .param("owner", slice.owner())
                .update();
    }

    /** The SQL expression of a row's key in {@code t}: its primary key columns as text, joined by '|'. */
    private String keyOf(String table) {
        return String.join(
                " || '|' || ",
                primaryKey(table).stream().map(c -> "t." + c + "::text").toList());
    }

    public void deleteAll(Collection<String> tables) {
        for (String table : tables) {
            jdbc.sql("DELETE FROM " + Where.identifier(table)).update();
        }
    }

    /** The primary key columns of a live read-model table, in key order. */
    public List<String> primaryKey(String table) {
        List<String> columns = jdbc.sql("""
                        SELECT a.attname FROM pg_index i
                        JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
                        WHERE i.indrelid = CAST(:table AS regclass) AND i.indisprimary
                        ORDER BY array_position(i.indkey, a.attnum)""")
                .param("table", LIVE_SCHEMA + "." + Where.identifier(table))
                .query(String.class)
                .list();
        if (columns.isEmpty()) {
            throw new IllegalStateException("Read-model table " + table + " has no primary key");
        }
        return columns;
    }
}
