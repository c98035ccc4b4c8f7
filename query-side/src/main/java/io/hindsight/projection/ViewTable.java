package io.hindsight.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One read model's table: {@code aggregate_id, view jsonb, last_sequence, updated_at} plus the columns its
 * lists filter and sort on. Table and column names are resolved without a schema, so a replay that points
 * the transaction's search path at the rebuild schema writes its shadow copy with the same statements.
 */
final class ViewTable<V> {

    private final String name;
    private final Function<V, Map<String, Object>> columns;
    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final ViewQueries<V> queries;

    ViewTable(
            String name,
            Class<V> viewType,
            Function<V, Map<String, Object>> columns,
            JdbcClient jdbc,
            NamedParameterJdbcTemplate batch,
            ObjectMapper json) {
        this.name = Where.identifier(name);
        this.columns = columns;
        this.jdbc = jdbc;
        this.batch = batch;
        this.queries = new ViewQueries<>(name, viewType, jdbc, json);
    }

    String name() {
        return name;
    }

    Optional<ViewRow<V>> load(String aggregateId) {
        return jdbc.sql("SELECT aggregate_id, view::text AS view, last_sequence, updated_at FROM " + name
                        + " WHERE aggregate_id = :id")
                .param("id", aggregateId)
                .query(this::row)
                .optional();
    }

    /** The stored rows of many aggregates in one query; absent ones are missing from the map. */
    Map<String, ViewRow<V>> loadAll(Collection<String> aggregateIds) {
        Map<String, ViewRow<V>> rows = new HashMap<>();
        if (!aggregateIds.isEmpty()) {
            jdbc.sql("SELECT aggregate_id, view::text AS view, last_sequence, updated_at FROM " + name
                            + " WHERE aggregate_id IN (:ids)")
                    .param("ids", aggregateIds)
                    .query(this::row)
                    .list()
                    .forEach(row -> rows.put(row.aggregateId(), row));
        }
        return rows;
    }

    /**
     * The stored row together with the newest sequence number the event store holds for the aggregate, in
     * one round trip: {@code latest} is null when there is no such aggregate.
     */
    Freshness<V> loadWithLatest(String aggregateId) {
        return jdbc.sql("SELECT e.latest, v.aggregate_id, v.view::text AS view, v.last_sequence, v.updated_at"
                        + " FROM (SELECT max(sequence_number) AS latest FROM domain_event_entry"
                        + " WHERE aggregate_identifier = :id) e LEFT JOIN " + name
                        + " v ON v.aggregate_id = :id")
                .param("id", aggregateId)
                .query((rs, n) -> new Freshness<>(
                        (Long) rs.getObject("latest"), rs.getString("aggregate_id") == null ? null : row(rs, n)))
                .single();
    }

    ViewQueries<V> queries() {
        return queries;
    }

    /** Upserts the rows in one JDBC batch. */
    void saveAll(Collection<ViewRow<V>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<MapSqlParameterSource> parameters = new ArrayList<>(rows.size());
        Set<String> extraColumns = null;
        for (ViewRow<V> row : rows) {
            Map<String, Object> values = new LinkedHashMap<>(columns.apply(row.view()));
            if (extraColumns == null) {
                extraColumns = values.keySet();
                extraColumns.forEach(Where::identifier);
            }
            parameters.add(new MapSqlParameterSource(values)
                    .addValue("aggregate_id", row.aggregateId())
                    .addValue("view", queries.write(row.view()))
                    .addValue("last_sequence", row.lastSequence())
                    .addValue("updated_at", Timestamp.from(row.updatedAt())));
        }
        String names = extraColumns.stream().map(c -> ", " + c).collect(Collectors.joining());
        String values = extraColumns.stream().map(c -> ", :" + c).collect(Collectors.joining());
        String updates =
                extraColumns.stream().map(c -> ", " + c + " = excluded." + c).collect(Collectors.joining());
        batch.batchUpdate(
                "INSERT INTO " + name + " (aggregate_id, view, last_sequence, updated_at" + names + ")"
                        + " VALUES (:aggregate_id, CAST(:view AS jsonb), :last_sequence, :updated_at" + values + ")"
                        + " ON CONFLICT (aggregate_id) DO UPDATE SET view = excluded.view,"
                        + " last_sequence = excluded.last_sequence, updated_at = excluded.updated_at" + updates,
                parameters.toArray(MapSqlParameterSource[]::new));
    }

    private ViewRow<V> row(ResultSet rs, int n) throws SQLException {
        return new ViewRow<>(
                rs.getString("aggregate_id"),
                queries.read(rs.getString("view")),
                rs.getLong("last_sequence"),
                rs.getTimestamp("updated_at").toInstant());
    }

    /** A stored row (or null) with the newest sequence number of its aggregate (null: no such aggregate). */
    record Freshness<V>(Long latest, ViewRow<V> row) {}
}
