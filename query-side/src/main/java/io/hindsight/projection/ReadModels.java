package io.hindsight.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Defines read models: {@code readModels.define(...)...build()} in a {@code @Bean} method is all a view needs. */
@Component
public class ReadModels {

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final ObjectMapper json;
    private final EventHistory history;
    private final ReadModelTables tables;
    private final OneEventAtATime isolation;
    private final TransactionTemplate snapshot;
    private final ViewSnapshots snapshots;

    public ReadModels(
            JdbcClient jdbc,
            NamedParameterJdbcTemplate batch,
            ObjectMapper json,
            EventHistory history,
            ReadModelTables tables,
            OneEventAtATime isolation,
            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.json = json;
        this.history = history;
        this.tables = tables;
        this.isolation = isolation;
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setReadOnly(true);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshots = new ViewSnapshots(batch);
    }

    /**
     * Starts the definition of a read model named {@code name} (its processing group and its name in the
     * projection admin API) folding the events that implement {@code events}, the sealed interface of one
     * aggregate's events.
     */
    public <V> Builder<V> define(String name, Class<?> events, Class<V> viewType, Fold<V> fold) {
        return new Builder<>(name, events, viewType, fold);
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    EventHistory history() {
        return history;
    }

    ReadModelTables tables() {
        return tables;
    }

    ViewSnapshots snapshots() {
        return snapshots;
    }

    OneEventAtATime isolation() {
        return isolation;
    }

    <T> T inOneSnapshot(Supplier<T> reads) {
        return snapshot.execute(status -> reads.get());
    }

    public final class Builder<V> {

        private final String name;
        private final Class<?> events;
        private final Class<V> viewType;
        private final Fold<V> fold;
        private String table;
        private Function<V, Map<String, Object>> columns = view -> Map.of();
        private Function<V, ?> audited = Function.identity();
        private ReadModel.AuditedAfter<V> auditedAfter;
        private final List<ViewFollower<V>> followers = new ArrayList<>();

        private Builder(String name, Class<?> events, Class<V> viewType, Fold<V> fold) {
            this.name = name;
            this.events = events;
            this.viewType = viewType;
            this.fold = fold;
        }

        /** The table the views are stored in, and the list columns computed from each view. */
        public Builder<V> storedIn(String tableName, Function<V, Map<String, Object>> listColumns) {
            this.table = tableName;
            this.columns = listColumns;
            return this;
        }

        /** The business fields an audit diff compares (default: the whole view). */
        public Builder<V> audited(Function<V, ?> businessFields) {
            this.audited = businessFields;
            return this;
        }

        /**
         * What an audit diff compares after an event, where the view after it is not all there is to show: an event can
         * take a part out of the view that must still be shown as it ended (default: the business fields of the view
         * after the event).
         */
        public Builder<V> auditedAfter(ReadModel.AuditedAfter<V> fields) {
            this.auditedAfter = fields;
            return this;
        }

        public Builder<V> followedBy(ViewFollower<V> follower) {
            followers.add(follower);
            return this;
        }

        public ReadModel<V> build() {
            if (table == null) {
                throw new IllegalStateException("Read model " + name + " needs a table");
            }
            Function<V, ?> fields = audited;
            return new ReadModel<>(
                    name,
                    events,
                    fold,
                    new ViewTable<>(table, viewType, columns, jdbc, batch, json),
                    fields,
                    auditedAfter != null ? auditedAfter : (before, after, event) -> fields.apply(after),
                    followers,
                    ReadModels.this);
        }
    }
}
