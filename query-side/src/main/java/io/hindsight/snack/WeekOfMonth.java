package io.hindsight.snack;

import io.hindsight.common.BusinessException;
import io.hindsight.snack.api.SnackError;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * Weeks of a month run Monday to Sunday; week 1 is the one holding the 1st, cut off at the month's
 * edges so no week spans two months. January 2024 starts on a Monday: week 1 is the 1st to the 7th.
 * February 2024 starts on a Thursday: week 1 is the 1st to the 4th, week 2 the 5th to the 11th.
 */
public final class WeekOfMonth {

    private WeekOfMonth() {}

    public static int of(LocalDate date) {
        return (date.getDayOfMonth() + offset(YearMonth.from(date)) - 1) / 7 + 1;
    }

    /** The first and last day of the week; a week the month does not have is refused. */
    public static LocalDate[] days(YearMonth month, int week) {
        // no month has a seventh week; checked first, as week * 7 overflows for weeks near the int range
        if (week < 1 || week > 6) {
            throw new BusinessException(SnackError.INVALID_PERIOD, "%s has no week %d", month, week);
        }
        int first = Math.max(1, (week - 1) * 7 - offset(month) + 1);
        int last = Math.min(month.lengthOfMonth(), week * 7 - offset(month));
        if (first > last) {
            throw new BusinessException(SnackError.INVALID_PERIOD, "%s has no week %d", month, week);
        }
        return new LocalDate[] {month.atDay(first), month.atDay(last)};
    }

    public static String label(LocalDate date) {
        return YearMonth.from(date) + "-W" + of(date);
    }

    private static int offset(YearMonth month) {
        return month.atDay(1).getDayOfWeek().getValue() - 1;
    }
}
