package io.hindsight.snack;

import java.time.LocalDate;
import java.time.YearMonth;

/** How order figures are grouped: by calendar year, month, week of month, day, or the whole range. */
public enum Granularity {
    YEAR,
    MONTH,
    WEEK,
    DAY,
    RANGE;

    /** The name of the period holding {@code day}. */
    String label(LocalDate day, OrderPeriod range) {
        return switch (this) {
            case YEAR -> String.valueOf(day.getYear());
            case MONTH -> YearMonth.from(day).toString();
            case WEEK -> WeekOfMonth.label(day);
            case DAY -> day.toString();
            case RANGE -> rangeLabel(range);
        };
    }

    /** The first and last day of the period holding {@code day}. */
    LocalDate[] days(LocalDate day, OrderPeriod range) {
        return switch (this) {
            case YEAR -> new LocalDate[] {day.withDayOfYear(1), day.withDayOfYear(day.lengthOfYear())};
            case MONTH -> new LocalDate[] {day.withDayOfMonth(1), day.withDayOfMonth(day.lengthOfMonth())};
            case WEEK -> WeekOfMonth.days(YearMonth.from(day), WeekOfMonth.of(day));
            case DAY -> new LocalDate[] {day, day};
            case RANGE -> new LocalDate[] {range.first(), range.last()};
        };
    }

    static String rangeLabel(OrderPeriod range) {
        return (range.first() == null ? "" : range.first().toString()) + ".."
                + (range.last() == null ? "" : range.last().toString());
    }
}
