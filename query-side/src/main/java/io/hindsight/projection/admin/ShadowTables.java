package io.hindsight.projection.admin;

import io.hindsight.projection.Projection;
import io.hindsight.projection.Projection.TableSlice;
import io.hindsight.projection.ReadModelTables;
import io.hindsight.projection.admin.ReplayStatus.Difference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The side-by-side copies a verified replay is built in: empty copies of a projection's tables (and of the
 * shared tables it has rows in) in a schema of its own, whose differing rows are written into the live tables
 * when the rebuilt content differs. The copies are unlogged - nothing of them is written to the WAL - and tables
 * the projection writes only by key get no other indexes.
 */
@Component
public class ShadowTables {

    static final String REBUILD_SCHEMA_PREFIX = "hs_rebuild_";
    private static final String LIVE = ReadModelTables.LIVE_SCHEMA;
    private static final String EVERY_ROW = "TRUE";

    private final JdbcClient jdbc;
    private final ReadModelTables tables;

    public ShadowTables(JdbcClient jdbc, ReadModelTables tables) {
        this.jdbc = jdbc;
        this.tables = tables;
    }

    /** The rebuild schema of a projection. */
    static String schemaOf(Projection projection) {
        return REBUILD_SCHEMA_PREFIX
                + projection.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }

    /** Empty unlogged copies of the tables (columns, defaults, constraints; indexes as said above). */
    public void create(Projection projection) {
        String schema = schemaOf(projection);
        jdbc.sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE").update();
        jdbc.sql("CREATE SCHEMA " + schema).update();
        for (String table : copied(projection)) {
            jdbc.sql("CREATE UNLOGGED TABLE " + schema + "." + table + " (LIKE " + LIVE + "." + table
                            + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING GENERATED EXCLUDING INDEXES)")
                    .update();
            for (Index index : indexes(table)) {
                if (index.constraint() != null) {
                    jdbc.sql("ALTER TABLE " + schema + "." + table + " ADD CONSTRAINT " + index.constraint() + " "
                                    + index.constraintDefinition())
                            .update();
                } else if (index.unique() || !projection.tablesWrittenByKey().contains(table)) {
                    jdbc.sql(index.definitionIn(schema, table)).update();
                }
            }
        }
    }

    /**
     * Inside the current transaction, unqualified table names resolve to the copies first; a commit does
     * not wait for the disk, since the copies are thrown away once compared and applied.
     */
    public void useInThisTransaction(Projection projection) {
        jdbc.sql("SET LOCAL search_path TO " + schemaOf(projection) + ", " + LIVE)
                .update();
        jdbc.sql("SET LOCAL synchronous_commit TO off").update();
    }

    /**
     * Every row that differs between the live tables and the copies, compared in the database, by key; the tables
     * are compared side by side (a replay's view rows and version rows took about as long each).
     */
    public List<Difference> differences(Projection projection) {
        String schema = schemaOf(projection);
        List<Difference> differences = new ArrayList<>();
        List<Supplier<List<Difference>>> comparisons = new ArrayList<>();
        for (String table : projection.tables()) {
            comparisons.add(() -> differences(schema, table, EVERY_ROW));
        }
        for (TableSlice slice : projection.sharedTables()) {
            comparisons.add(() -> differences(schema, slice.table(), ownedBy(slice)));
        }
        comparisons.parallelStream().map(Supplier::get).forEachOrdered(differences::addAll);
        differences.sort(Comparator.comparing(Difference::key));
        return differences;
    }

    /**
     * Rows joined on the primary key and compared as rows (jsonb by value); only the rows that differ are
     * rendered as canonical JSON and leave the database.
     */
    private List<Difference> differences(String schema, String table, String liveRows) {
        List<String> key = tables.primaryKey(table);
        String keyText = key.stream()
                .map(c -> "coalesce(l." + c + ", r." + c + ")::text")
                .collect(Collectors.joining(" || '|' || "));
        String first = key.get(0);
        return jdbc.sql("SELECT " + keyText + " AS k,"
                        + " CASE WHEN l." + first + " IS NULL THEN NULL ELSE to_jsonb(l)::text END AS before,"
                        + " CASE WHEN r." + first + " IS NULL THEN NULL ELSE to_jsonb(r)::text END AS after"
                        + " FROM (SELECT * FROM " + LIVE + "." + table + " l WHERE " + liveRows + ") l"
                        + " FULL JOIN " + schema + "." + table + " r ON " + sameKey(key)
                        + " WHERE l." + first + " IS NULL OR r." + first + " IS NULL"
                        + " OR ROW(l.*) IS DISTINCT FROM ROW(r.*)")
                .query((rs, n) ->
                        new Difference(table + ":" + rs.getString("k"), rs.getString("before"), rs.getString("after")))
                .list();
    }

    /**
     * Brings the live tables (and the projection's rows of the shared ones) to the copies' content, row by row in
     * the current transaction: rows that differ or are gone are deleted, rows that differ or are new inserted.
     * Replacing the tables instead would rewrite them, and PostgreSQL shows a rewritten table as empty to a reader
     * whose snapshot predates it (a wallet's balance and list read in one {@code REPEATABLE READ} snapshot); rows
     * written in place are seen old or new, never blocked, and only the differences reach the WAL.
     */
    public void applyDifferences(Projection projection) {
        String schema = schemaOf(projection);
        for (String table : projection.tables()) {
            applyDifferences(schema, table, EVERY_ROW);
        }
        for (TableSlice slice : projection.sharedTables()) {
            applyDifferences(schema, slice.table(), ownedBy(slice));
        }
        drop(projection);
    }

    private void applyDifferences(String schema, String table, String liveRows) {
        String live = LIVE + "." + table;
        String copy = schema + "." + table;
        String sameKey = sameKey(tables.primaryKey(table));
        jdbc.sql("DELETE FROM " + live + " l WHERE NOT EXISTS (SELECT 1 FROM " + copy + " r WHERE " + sameKey
                        + " AND ROW(l.*) IS NOT DISTINCT FROM ROW(r.*)) AND " + liveRows)
                .update();
        jdbc.sql("INSERT INTO " + live + " SELECT r.* FROM " + copy + " r WHERE NOT EXISTS (SELECT 1 FROM " + live
                        + " l WHERE " + sameKey + " AND " + liveRows + ")")
                .update();
    }

    /** The condition on live rows (alias {@code l}) that a projection owns in a shared table. */
    private static String ownedBy(TableSlice slice) {
        return "l." + slice.ownerColumn() + " = '" + literal(slice.owner()) + "'";
    }

    private static String sameKey(List<String> key) {
        return key.stream().map(c -> "l." + c + " = r." + c).collect(Collectors.joining(" AND "));
    }

    public void drop(Projection projection) {
        jdbc.sql("DROP SCHEMA IF EXISTS " + schemaOf(projection) + " CASCADE").update();
    }

    private static List<String> copied(Projection projection) {
        List<String> copied = new ArrayList<>(projection.tables());
        projection.sharedTables().forEach(slice -> copied.add(slice.table()));
        return copied;
    }

    private List<Index> indexes(String table) {
        return jdbc.sql("""
                        SELECT c.relname AS name, i.indisunique AS is_unique, pg_get_indexdef(i.indexrelid) AS definition,
                               con.conname AS constraint_name, pg_get_constraintdef(con.oid) AS constraint_definition
                        FROM pg_index i
                        JOIN pg_class c ON c.oid = i.indexrelid
                        LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid
                        WHERE i.indrelid = CAST(:table AS regclass)
                        ORDER BY c.relname""")
                .param("table", LIVE + "." + table)
                .query((rs, n) -> new Index(
                        rs.getString("name"),
                        rs.getBoolean("is_unique"),
                        rs.getString("definition"),
                        rs.getString("constraint_name"),
                        rs.getString("constraint_definition")))
                .list();
    }

    private static String literal(String value) {
        return value.replace("'", "''");
    }

    /** An index of a live table; {@code constraint} names the primary key or unique constraint it backs. */
    private record Index(
            String name, boolean unique, String definition, String constraint, String constraintDefinition) {

        String definitionIn(String schema, String table) {
            String live = " ON " + LIVE + "." + table + " ";
            if (!definition.contains(live)) {
                throw new IllegalStateException("Unexpected index definition: " + definition);
            }
            return definition.replace(live, " ON " + schema + "." + table + " ");
        }
    }
}
