package io.hindsight.projection;

import java.util.Map;
import java.util.function.Function;

/**
 * Everything the generic machinery needs to keep one per-aggregate view: which aggregate it folds, the
 * fold, and the table it is stored in ({@code aggregate_id, view jsonb, last_sequence, updated_at} plus
 * the extra columns that lists filter and sort on).
 */
public record ViewDefinition<V>(
        String aggregateType, Class<V> viewType, Fold<V> fold, String table, Function<V, Map<String, Object>> columns) {

    public static <V> ViewDefinition<V> of(String aggregateType, Class<V> viewType, Fold<V> fold, String table) {
        return new ViewDefinition<>(aggregateType, viewType, fold, table, view -> Map.of());
    }

    public ViewDefinition<V> withColumns(Function<V, Map<String, Object>> extraColumns) {
        return new ViewDefinition<>(aggregateType, viewType, fold, table, extraColumns);
    }
}
