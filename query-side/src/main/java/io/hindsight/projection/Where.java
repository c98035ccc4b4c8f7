package io.hindsight.projection;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A condition on a read model's columns with its named parameters. Column names come from code, never
 * from a request, and are checked to be plain identifiers; values are always bound parameters.
 */
public record Where(String sql, Map<String, Object> params) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Where ALL = new Where("", Map.of());

    public Where {
        params = Map.copyOf(params);
    }

    public static Where all() {
        return ALL;
    }

    /** {@code column = value}, or {@code column IS NULL} for a null value. */
    public static Where is(String column, Object value) {
        String name = identifier(column);
        if (value == null) {
            return new Where(name + " IS NULL", Map.of());
        }
        return new Where(name + " = :" + name, Map.of(name, value));
    }

    /** A condition written in SQL over the model's columns, with its parameters. */
    public static Where sql(String condition, Map<String, ?> params) {
        return new Where(condition, new HashMap<>(params));
    }

    public Where and(String column, Object value) {
        return and(is(column, value));
    }

    public Where and(Where other) {
        if (other.sql.isEmpty()) {
            return this;
        }
        if (sql.isEmpty()) {
            return other;
        }
        Map<String, Object> merged = new HashMap<>(params);
        other.params.forEach((name, value) -> {
            Object previous = merged.putIfAbsent(name, value);
            if (previous != null && !Objects.equals(previous, value)) {
                throw new IllegalArgumentException("Parameter " + name + " bound twice with different values");
            }
        });
        return new Where("(" + sql + ") AND (" + other.sql + ")", merged);
    }

    /** {@code WHERE ...}, or nothing for every row. */
    String clause() {
        return sql.isEmpty() ? "" : "WHERE " + sql;
    }

    static String identifier(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain SQL identifier: " + name);
        }
        return name;
    }
}
