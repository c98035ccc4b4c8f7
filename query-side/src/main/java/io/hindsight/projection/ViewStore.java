package io.hindsight.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Loads and saves per-aggregate views as JSON rows in their table. */
@Component
public class ViewStore {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final ObjectMapper json;

    public ViewStore(JdbcClient jdbc, NamedParameterJdbcTemplate batch, ObjectMapper json) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.json = json;
    }

    public <V> Optional<StoredView<V>> load(ViewDefinition<V> definition, String aggregateId) {
        return jdbc.sql("SELECT view::text AS view, last_sequence FROM " + table(definition)
                        + " WHERE aggregate_id = :id")
                .param("id", aggregateId)
                .query((rs, n) -> new StoredView<>(read(definition, rs.getString("view")), rs.getLong("last_sequence")))
                .optional();
    }

    /** The stored views of many aggregates in one query; absent ones are simply missing from the map. */
    public <V> Map<String, StoredView<V>> loadAll(ViewDefinition<V> definition, Collection<String> aggregateIds) {
        Map<String, StoredView<V>> views = new HashMap<>();
        if (aggregateIds.isEmpty()) {
            return views;
        }
        jdbc.sql("SELECT aggregate_id, view::text AS view, last_sequence FROM " + table(definition)
                        + " WHERE aggregate_id IN (:ids)")
                .param("ids", aggregateIds)
                .query((rs, n) -> views.put(
                        rs.getString("aggregate_id"),
                        new StoredView<>(read(definition, rs.getString("view")), rs.getLong("last_sequence"))))
                .list();
        return views;
    }

    public <V> Optional<V> find(ViewDefinition<V> definition, String aggregateId) {
        return load(definition, aggregateId).map(StoredView::view);
    }

    public <V> List<V> findAll(ViewDefinition<V> definition, String whereOrderLimit, Map<String, ?> params) {
        return jdbc.sql("SELECT view::text FROM " + table(definition) + " " + whereOrderLimit)
                .params(params)
                .query((rs, n) -> read(definition, rs.getString(1)))
                .list();
    }

    /** Upserts many rows of one view table in one JDBC batch. */
    public <V> void saveAll(ViewDefinition<V> definition, Collection<StoredRow<V>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<MapSqlParameterSource> parameters = new ArrayList<>(rows.size());
        Set<String> extraColumns = null;
        for (StoredRow<V> row : rows) {
            Map<String, Object> columns =
                    new LinkedHashMap<>(definition.columns().apply(row.view()));
            if (extraColumns == null) {
                extraColumns = columns.keySet();
                extraColumns.forEach(ViewStore::requireIdentifier);
            }
            parameters.add(new MapSqlParameterSource(columns)
                    .addValue("aggregate_id", row.aggregateId())
                    .addValue("view", write(row.view()))
                    .addValue("last_sequence", row.lastSequence())
                    .addValue("updated_at", Timestamp.from(row.updatedAt())));
        }
        String extraNames = extraColumns.stream().map(c -> ", " + c).collect(Collectors.joining());
        String extraValues = extraColumns.stream().map(c -> ", :" + c).collect(Collectors.joining());
        String extraUpdates =
                extraColumns.stream().map(c -> ", " + c + " = excluded." + c).collect(Collectors.joining());
        batch.batchUpdate(
                "INSERT INTO " + table(definition) + " (aggregate_id, view, last_sequence, updated_at" + extraNames
                        + ")"
                        + " VALUES (:aggregate_id, CAST(:view AS jsonb), :last_sequence, :updated_at" + extraValues
                        + ")"
                        + " ON CONFLICT (aggregate_id) DO UPDATE SET view = excluded.view,"
                        + " last_sequence = excluded.last_sequence, updated_at = excluded.updated_at" + extraUpdates,
                parameters.toArray(MapSqlParameterSource[]::new));
    }

    public String toJson(Object view) {
        return write(view);
    }

    private <V> V read(ViewDefinition<V> definition, String text) {
        try {
            return json.readValue(text, definition.viewType());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored " + definition.table() + " view is not readable", e);
        }
    }

    private String write(Object view) {
        try {
            return json.writeValueAsString(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("View cannot be written as JSON", e);
        }
    }

    private static String table(ViewDefinition<?> definition) {
        return requireIdentifier(definition.table());
    }

    private static String requireIdentifier(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain SQL identifier: " + name);
        }
        return name;
    }

    /** A view to be stored with the sequence and timestamp of the last event folded into it. */
    public record StoredRow<V>(String aggregateId, V view, long lastSequence, Instant updatedAt) {}
}
