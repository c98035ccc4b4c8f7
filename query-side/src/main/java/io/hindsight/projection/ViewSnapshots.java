package io.hindsight.projection;

import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Views stored every {@link #EVERY} events of an aggregate in {@code read_model_snapshot}, so that "as of T"
 * on a long stream folds only the events after the latest snapshot taken at or before T. A snapshot's
 * {@code recorded_at} is the latest timestamp among the events folded into it, so a snapshot whose
 * {@code recorded_at} is not after T holds exactly the events a fold up to T starts with. The rows of one
 * read model are part of it: written by its projection, rebuilt by its replays.
 */
final class ViewSnapshots {

    static final String TABLE = "read_model_snapshot";
    static final String OWNER_COLUMN = "read_model";
    static final int EVERY = 50;

    private final NamedParameterJdbcTemplate batch;

    ViewSnapshots(NamedParameterJdbcTemplate batch) {
        this.batch = batch;
    }

    /** Whether folding {@code after} (the row that followed {@code before}) crossed a multiple of {@link #EVERY} events. */
    static boolean due(ViewRow<?> before, ViewRow<?> after) {
        long previous = before == null ? 0 : (before.lastSequence() + 1) / EVERY;
        return (after.lastSequence() + 1) / EVERY > previous;
    }

    <V> void saveAll(String readModel, Collection<ViewRow<V>> rows, ViewQueries<V> json) {
        if (rows.isEmpty()) {
            return;
        }
        List<MapSqlParameterSource> parameters = rows.stream()
                .map(row -> new MapSqlParameterSource()
                        .addValue("model", readModel)
                        .addValue("id", row.aggregateId())
                        .addValue("sequence", row.lastSequence())
                        .addValue("recorded_at", Timestamp.from(row.updatedAt()))
                        .addValue("view", json.write(row.view())))
                .toList();
        batch.batchUpdate(
                "INSERT INTO " + TABLE + " (read_model, aggregate_id, sequence, recorded_at, view)"
                        + " VALUES (:model, :id, :sequence, :recorded_at, CAST(:view AS jsonb))"
                        + " ON CONFLICT DO NOTHING",
                parameters.toArray(MapSqlParameterSource[]::new));
    }
}
