package io.hindsight.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hindsight.query.Page;
import io.hindsight.query.Paging;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Lists of views stored as JSON in a {@code view} column of a read-model table, filtered and ordered by the
 * table's other columns. Read models use it for their own table, followers for theirs.
 */
public final class ViewQueries<V> {

    private final String table;
    private final Class<V> viewType;
    private final JdbcClient jdbc;
    private final ObjectMapper json;

    private final LongAdder viewsRead = new LongAdder();

    public ViewQueries(String table, Class<V> viewType, JdbcClient jdbc, ObjectMapper json) {
        this.table = Where.identifier(table);
        this.viewType = viewType;
        this.jdbc = jdbc;
        this.json = json;
    }

    public String table() {
        return table;
    }

    public List<V> find(Where where, String orderBy, int limit, int offset) {
        return jdbc.sql("SELECT view::text FROM " + table + " " + where.clause() + " ORDER BY " + orderBy
                        + " LIMIT :hs_limit OFFSET :hs_offset")
                .params(where.params())
                .param("hs_limit", limit)
                .param("hs_offset", offset)
                .query((rs, n) -> read(rs.getString(1)))
                .list();
    }

    /** For each value of {@code column}, the first view matching {@code where} in {@code orderBy} order. */
    public List<V> firstPer(String column, Where where, String orderBy) {
        String group = Where.identifier(column);
        return jdbc.sql("SELECT DISTINCT ON (" + group + ") view::text FROM " + table + " " + where.clause()
                        + " ORDER BY " + group + ", " + orderBy)
                .params(where.params())
                .query((rs, n) -> read(rs.getString(1)))
                .list();
    }

    public long count(Where where) {
        return jdbc.sql("SELECT count(*) FROM " + table + " " + where.clause())
                .params(where.params())
                .query(Long.class)
                .single();
    }

    /** One page; call it inside one read-only transaction when count and items must agree. */
    public Page<V> page(Where where, String orderBy, Paging paging) {
        return Page.of(find(where, orderBy, paging.limit(), paging.offset()), count(where), paging);
    }

    public String write(Object view) {
        try {
            return json.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A " + table + " view cannot be written as JSON", e);
        }
    }

    public V read(String text) {
        viewsRead.increment();
        try {
            return json.readValue(text, viewType);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored " + table + " view is not readable", e);
        }
    }

    /** How many stored views have been read so far, for tests and metrics. */
    public long viewsRead() {
        return viewsRead.sum();
    }
}
