package io.hindsight.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
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

    /**
     * Where a fold up to {@code instant} can start: the stored row when no event folded into it is later
     * than the instant, otherwise the latest snapshot of the read model that holds only events up to then
     * (null: from the first event); read together, in one round trip, with the stored row's sequence.
     */
    Start<V> startFor(String aggregateId, String readModel, Instant instant) {
        return jdbc.sql("SELECT v.view::text AS view, v.last_sequence, v.updated_at, s.view::text AS snapshot,"
                        + " s.sequence AS snapshot_sequence, s.recorded_at AS snapshot_recorded_at"
                        + " FROM (SELECT 1) one LEFT JOIN " + name + " v ON v.aggregate_id = :id"
                        + " LEFT JOIN LATERAL (SELECT view, sequence, recorded_at FROM " + ViewSnapshots.TABLE
                        + " WHERE read_model = :model AND aggregate_id = :id AND recorded_at <= :instant"
                        + " ORDER BY recorded_at DESC, sequence DESC LIMIT 1) s ON true")
                .param("id", aggregateId)
                .param("model", readModel)
                .param("instant", SqlInstants.bounded(instant))
                .query((rs, n) -> {
                    Timestamp storedAt = rs.getTimestamp("updated_at");
                    long stored = storedAt == null ? -1 : rs.getLong("last_sequence");
                    if (storedAt != null && !storedAt.toInstant().isAfter(instant)) {
                        return new Start<>(
                                new ViewRow<>(
                                        aggregateId, queries.read(rs.getString("view")), stored, storedAt.toInstant()),
                                stored);
                    }
                    String snapshot = rs.getString("snapshot");
                    return new Start<>(
                            snapshot == null
                                    ? null
                                    : new ViewRow<>(
                                            aggregateId,
                                            queries.read(snapshot),
                                            rs.getLong("snapshot_sequence"),
                                            rs.getTimestamp("snapshot_recorded_at")
                                                    .toInstant()),
                            stored);
                })
                .single();
    }

    /** The latest snapshot of the read model holding only events up to {@code sequence}, if one was taken. */
    Optional<ViewRow<V>> snapshotThrough(String aggregateId, String readModel, long sequence) {
        return jdbc.sql("SELECT view::text AS view, sequence, recorded_at FROM " + ViewSnapshots.TABLE
                        + " WHERE read_model = :model AND aggregate_id = :id AND sequence <= :sequence"
                        + " ORDER BY sequence DESC LIMIT 1")
                .param("model", readModel)
                .param("id", aggregateId)
                .param("sequence", sequence)
                .query((rs, n) -> new ViewRow<>(
                        aggregateId,
                        queries.read(rs.getString("view")),
                        rs.getLong("sequence"),
                        rs.getTimestamp("recorded_at").toInstant()))
                .optional();
    }

    ViewQueries<V> queries() {
        return queries;
    }

    /** Upserts the rows in one JDBC batch (positional parameters: no named-parameter parsing per row). */
    void saveAll(Collection<ViewRow<V>> rows) {
        if (!rows.isEmpty()) {
            upsert(values(rows));
        }
    }

    /**
     * Writes rows of aggregates the table has no row for (a replay into an empty copy) in one {@code COPY}; when a
     * list column holds a value {@link CopyRows} cannot write, they are upserted instead.
     */
    void insertAll(Collection<ViewRow<V>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        RowValues values = values(rows);
        CopyRows copy = new CopyRows(rows.size());
        for (Object[] row : values.rows()) {
            for (Object value : row) {
                if (!CopyRows.copies(value)) {
                    upsert(values);
                    return;
                }
            }
            copy.row(row);
        }
        copy.copyInto(batch.getJdbcTemplate().getDataSource(), name + " (" + String.join(", ", values.columns()) + ")");
    }

    private void upsert(RowValues values) {
        List<String> columns = values.columns();
        String placeholders = "?, CAST(? AS jsonb)" + ", ?".repeat(columns.size() - 2);
        String updates =
                columns.stream().skip(1).map(c -> c + " = excluded." + c).collect(Collectors.joining(", "));
        batch.getJdbcTemplate()
                .batchUpdate(
                        "INSERT INTO " + name + " (" + String.join(", ", columns) + ")"
                                + " VALUES (" + placeholders + ")"
                                + " ON CONFLICT (aggregate_id) DO UPDATE SET " + updates,
                        values.rows());
    }

    /** Each row's values in the order of the columns: the four of every view table, then the list columns. */
    private RowValues values(Collection<ViewRow<V>> rows) {
        List<Object[]> values = new ArrayList<>(rows.size());
        List<String> extraColumns = null;
        for (ViewRow<V> row : rows) {
            Map<String, Object> listed = columns.apply(row.view());
            if (extraColumns == null) {
                extraColumns = List.copyOf(listed.keySet());
                extraColumns.forEach(Where::identifier);
            }
            Object[] arguments = new Object[4 + extraColumns.size()];
            arguments[0] = row.aggregateId();
            arguments[1] = queries.write(row.view());
            arguments[2] = row.lastSequence();
            arguments[3] = Timestamp.from(row.updatedAt());
            for (int i = 0; i < extraColumns.size(); i++) {
                arguments[4 + i] = listed.get(extraColumns.get(i));
            }
            values.add(arguments);
        }
        List<String> names = new ArrayList<>(List.of("aggregate_id", "view", "last_sequence", "updated_at"));
        names.addAll(extraColumns);
        return new RowValues(names, values);
    }

    private record RowValues(List<String> columns, List<Object[]> rows) {}

    private ViewRow<V> row(ResultSet rs, int n) throws SQLException {
        return new ViewRow<>(
                rs.getString("aggregate_id"),
                queries.read(rs.getString("view")),
                rs.getLong("last_sequence"),
                rs.getTimestamp("updated_at").toInstant());
    }

    /** A stored row (or null) with the newest sequence number of its aggregate (null: no such aggregate). */
    record Freshness<V>(Long latest, ViewRow<V> row) {}

    /** The row a fold starts from (null: the first event) and the sequence of the stored row (-1: none). */
    record Start<V>(ViewRow<V> from, long storedSequence) {}
}
