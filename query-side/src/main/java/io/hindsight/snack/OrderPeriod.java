package io.hindsight.snack;

import io.hindsight.common.BusinessException;
import io.hindsight.snack.api.SnackError;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * Days of order creation (UTC), first and last inclusive; both null means all time. Given either as a
 * calendar period (year; year+month; year+month+week of month; year+month+day) or as a from..to range.
 */
public record OrderPeriod(LocalDate first, LocalDate last) {

    public static final OrderPeriod ALL = new OrderPeriod(null, null);

    public static OrderPeriod of(Integer year, Integer month, Integer week, Integer day, LocalDate from, LocalDate to) {
        boolean calendar = year != null || month != null || week != null || day != null;
        if (calendar && (from != null || to != null)) {
            throw invalid("Give either year/month/week/day or from/to, not both");
        }
        if (calendar) {
            return calendar(year, month, week, day);
        }
        return range(from, to);
    }

    public static OrderPeriod range(LocalDate from, LocalDate to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw invalid("from (" + from + ") is after to (" + to + ")");
        }
        return new OrderPeriod(from, to);
    }

    private static OrderPeriod calendar(Integer year, Integer month, Integer week, Integer day) {
        if (year == null) {
            throw invalid("A month, week or day needs a year");
        }
        if (year < 1 || year > 9999) {
            throw invalid("year must be between 1 and 9999, not " + year);
        }
        if (month == null) {
            if (week != null || day != null) {
                throw invalid("A week or day needs a month");
            }
            return new OrderPeriod(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
        }
        if (month < 1 || month > 12) {
            throw invalid("month must be between 1 and 12, not " + month);
        }
        YearMonth yearMonth = YearMonth.of(year, month);
        if (week != null && day != null) {
            throw invalid("Give a week or a day, not both");
        }
        if (week != null) {
            LocalDate[] days = WeekOfMonth.days(yearMonth, week);
            return new OrderPeriod(days[0], days[1]);
        }
        if (day != null) {
            try {
                LocalDate date = yearMonth.atDay(day);
                return new OrderPeriod(date, date);
            } catch (DateTimeException e) {
                throw invalid(yearMonth + " has no day " + day);
            }
        }
        return new OrderPeriod(yearMonth.atDay(1), yearMonth.atEndOfMonth());
    }

    private static BusinessException invalid(String message) {
        return new BusinessException(SnackError.INVALID_PERIOD, message);
    }
}
