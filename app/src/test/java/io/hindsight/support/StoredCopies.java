package io.hindsight.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.DataType;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Where a value is stored in the clear: in any column of any table, in any Redis key. */
public final class StoredCopies {

    private StoredCopies() {}

    /** Every text, JSON and byte column of every table in every schema that holds the value, as table.column. */
    public static List<String> tablesHolding(JdbcClient jdbc, String value) {
        List<String> found = new ArrayList<>();
        List<Map<String, Object>> columns = jdbc.sql("""
                        SELECT c.table_schema, c.table_name, c.column_name, c.data_type
                        FROM information_schema.columns c
                        JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                        WHERE t.table_type = 'BASE TABLE'
                          AND c.table_schema NOT IN ('pg_catalog', 'information_schema')
                          AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea')""").query().listOfRows();
        for (Map<String, Object> column : columns) {
            String table = "\"" + column.get("table_schema") + "\".\"" + column.get("table_name") + "\"";
            String name = "\"" + column.get("column_name") + "\"";
            String condition = column.get("data_type").equals("bytea")
                    ? "position(convert_to(:value, 'UTF8') IN " + name + ") > 0"
                    : name + "::text ILIKE '%' || :value || '%'";
            long rows = jdbc.sql("SELECT count(*) FROM " + table + " WHERE " + condition)
                    .param("value", value)
                    .query(Long.class)
                    .single();
            if (rows > 0) {
                found.add(column.get("table_name") + "." + column.get("column_name"));
            }
        }
        return found;
    }

    /** Every Redis key whose name or content holds the value, in any letter case. */
    public static List<String> redisKeysHolding(StringRedisTemplate redis, String value) {
        List<String> found = new ArrayList<>();
        String needle = value.toLowerCase();
        try (Cursor<String> keys =
                redis.scan(ScanOptions.scanOptions().count(1000).build())) {
            while (keys.hasNext()) {
                String key = keys.next();
                StringBuilder content = new StringBuilder(key);
                DataType type = redis.type(key);
                if (type == DataType.STRING) {
                    content.append(redis.opsForValue().get(key));
                } else if (type == DataType.HASH) {
                    content.append(redis.opsForHash().entries(key));
                } else if (type == DataType.SET) {
                    content.append(redis.opsForSet().members(key));
                } else if (type == DataType.ZSET) {
                    content.append(redis.opsForZSet().range(key, 0, -1));
                } else if (type == DataType.LIST) {
                    content.append(redis.opsForList().range(key, 0, -1));
                } else if (type == DataType.STREAM) {
                    content.append(redis.opsForStream().range(key, Range.unbounded()));
                }
                if (content.toString().toLowerCase().contains(needle)) {
                    found.add(key);
                }
            }
        }
        return found;
    }
}
