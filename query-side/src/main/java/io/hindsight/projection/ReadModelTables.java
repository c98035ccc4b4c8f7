package io.hindsight.projection;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Snapshots and clears read-model tables generically, keying rows by their primary key. */
@Component
public class ReadModelTables {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    private final JdbcClient jdbc;

    public ReadModelTables(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Map<String, String> snapshot(String... tables) {
        Map<String, String> rows = new TreeMap<>();
        for (String table : tables) {
            String key = String.join(" || '|' || ", primaryKey(table).stream().map(c -> "t." + c + "::text").toList());
            jdbc.sql("SELECT " + key + " AS k, to_jsonb(t)::text AS v FROM " + table + " t")
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

    private List<String> primaryKey(String table) {
        List<String> columns = jdbc.sql("""
                        SELECT a.attname FROM pg_index i
                        JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
                        WHERE i.indrelid = CAST(:table AS regclass) AND i.indisprimary
                        ORDER BY array_position(i.indkey, a.attnum)""")
                .param("table", checked(table))
                .query(String.class)
                .list();
        if (columns.isEmpty()) {
            throw new IllegalStateException("Read-model table " + table + " has no primary key");
        }
        return columns;
    }

    private static String checked(String table) {
        if (!IDENTIFIER.matcher(table).matches()) {
            throw new IllegalArgumentException("Not a plain table name: " + table);
        }
        return table;
    }
}
