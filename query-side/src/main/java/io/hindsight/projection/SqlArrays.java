package io.hindsight.projection;

import java.util.List;
import java.util.function.Function;

/**
 * A batch of rows as one statement's parameters: each column a PostgreSQL array literal, read back with
 * {@code unnest(CAST(:column AS type[]), ...)}, so a batch costs one round trip whatever its size.
 */
public final class SqlArrays {

    private SqlArrays() {}

    /** An array literal of the values' text forms (instants in ISO-8601), null elements as NULL. */
    public static <T> String literal(List<T> items, Function<T, Object> value) {
        StringBuilder literal = new StringBuilder("{");
        for (T item : items) {
            if (literal.length() > 1) {
                literal.append(',');
            }
            Object element = value.apply(item);
            if (element == null) {
                literal.append("NULL");
            } else {
                literal.append('"')
                        .append(element.toString().replace("\\", "\\\\").replace("\"", "\\\""))
                        .append('"');
            }
        }
        return literal.append('}').toString();
    }
}
