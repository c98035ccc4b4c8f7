package io.hindsight.platform.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.lang.annotation.Annotation;
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

    /**
     * The least value of whole-number parameters that the API's conventions refuse below it wherever they appear: an
     * offset counts from 0 ({@code Paging}), an event position from 0 ({@code ResumePositions}).
     */
    private static final Map<String, Long> LEAST_BY_NAME = Map.of("offset", 0L, "after", 0L);

    private ParameterTypes() {}

    /**
     * The whole numbers a parameter takes, for a type that holds only some: what its type holds, narrowed to the
     * bounds its declaration ({@code @Min}, {@code @Max}, {@code @Positive}, {@code @PositiveOrZero}) or the API's
     * conventions for its name put on it - an offset past an int is told 0 to 2147483647, since a negative one is
     * refused too.
     */
    static Optional<Range> rangeOf(String name, Class<?> type, Annotation... declared) {
        Range range = type == null ? null : RANGES.get(type);
        if (range == null) {
            return Optional.empty();
        }
        Long least = LEAST_BY_NAME.get(name);
        if (least != null) {
            range = range.atLeast(least);
        }
        for (Annotation annotation : declared) {
            if (annotation instanceof Min min) {
                range = range.atLeast(min.value());
            } else if (annotation instanceof Max max) {
                range = range.atMost(max.value());
            } else if (annotation instanceof Positive) {
                range = range.atLeast(1);
            } else if (annotation instanceof PositiveOrZero) {
                range = range.atLeast(0);
            }
        }
        return Optional.of(range);
    }

    record Range(long min, long max) {
        static Range of(long min, long max) {
            return new Range(min, max);
        }

        Range atLeast(long least) {
            return new Range(Math.max(min, least), max);
        }

        Range atMost(long most) {
            return new Range(min, Math.min(max, most));
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
