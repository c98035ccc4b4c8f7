package io.hindsight.platform.web;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** What a request parameter of a type takes, in the client's words rather than Java's. */
final class ParameterTypes {

    private static final Set<Class<?>> WHOLE_NUMBERS =
            Set.of(Integer.class, int.class, Long.class, long.class, Short.class, short.class, BigInteger.class);

    private static final Map<Class<?>, Range> RANGES = Map.of(
            Integer.class, Range.of(Integer.MIN_VALUE, Integer.MAX_VALUE),
            int.class, Range.of(Integer.MIN_VALUE, Integer.MAX_VALUE),
            Long.class, Range.of(Long.MIN_VALUE, Long.MAX_VALUE),
            long.class, Range.of(Long.MIN_VALUE, Long.MAX_VALUE),
            Short.class, Range.of(Short.MIN_VALUE, Short.MAX_VALUE),
            short.class, Range.of(Short.MIN_VALUE, Short.MAX_VALUE));

    private ParameterTypes() {}

    /** The whole numbers a parameter of the type holds, for a type that holds only some. */
    static Optional<Range> rangeOf(Class<?> type) {
        return Optional.ofNullable(type == null ? null : RANGES.get(type));
    }

    record Range(long min, long max) {
        static Range of(long min, long max) {
            return new Range(min, max);
        }

        String describe() {
            return "it must lie between %d and %d".formatted(min, max);
        }
    }

    static String describe(Class<?> type) {
        if (type == null) {
            return "a value of its type";
        }
        if (WHOLE_NUMBERS.contains(type)) {
            return "a whole number written in the digits 0-9";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type == LocalDate.class) {
            return "a day written YYYY-MM-DD in the years 1 to 9999";
        }
        if (type == YearMonth.class) {
            return "a month written YYYY-MM";
        }
        if (type == Instant.class) {
            return "an ISO-8601 instant in the years 1 to 9999, such as 2026-01-31T09:00:00Z";
        }
        if (type == UUID.class) {
            return "an id";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        return "a value of its type";
    }
}
