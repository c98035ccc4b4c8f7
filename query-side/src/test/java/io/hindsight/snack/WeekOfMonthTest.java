package io.hindsight.snack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hindsight.common.BusinessException;
import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class WeekOfMonthTest {

    @Test
    void weeksRunMondayToSundayAndStopAtTheMonthsEdges() {
        assertThat(WeekOfMonth.days(YearMonth.of(2024, 1), 1))
                .containsExactly(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 7));
        assertThat(WeekOfMonth.days(YearMonth.of(2024, 1), 5))
                .containsExactly(LocalDate.of(2024, 1, 29), LocalDate.of(2024, 1, 31));
        assertThat(WeekOfMonth.days(YearMonth.of(2024, 2), 1))
                .containsExactly(LocalDate.of(2024, 2, 1), LocalDate.of(2024, 2, 4));
        assertThat(WeekOfMonth.days(YearMonth.of(2024, 2), 2))
                .containsExactly(LocalDate.of(2024, 2, 5), LocalDate.of(2024, 2, 11));
        assertThat(WeekOfMonth.label(LocalDate.of(2024, 2, 4))).isEqualTo("2024-02-W1");
        assertThat(WeekOfMonth.label(LocalDate.of(2024, 2, 5))).isEqualTo("2024-02-W2");
    }

    @Test
    void everyDayIsInsideTheWeekItBelongsTo() {
        for (LocalDate day = LocalDate.of(2023, 1, 1); day.getYear() < 2027; day = day.plusDays(1)) {
            LocalDate[] week = WeekOfMonth.days(YearMonth.from(day), WeekOfMonth.of(day));
            assertThat(day).isBetween(week[0], week[1]);
            assertThat(week[1].getDayOfWeek().getValue() == 7
                            || week[1].equals(YearMonth.from(day).atEndOfMonth()))
                    .isTrue();
        }
    }

    @Test
    void aWeekTheMonthDoesNotHaveIsRefused() {
        assertThatThrownBy(() -> WeekOfMonth.days(YearMonth.of(2024, 1), 6)).isInstanceOf(BusinessException.class);
        assertThatThrownBy(() -> WeekOfMonth.days(YearMonth.of(2024, 1), 0)).isInstanceOf(BusinessException.class);
        // 613566757 * 7 overflows to 3 past the int range: the week had read as the first days of the month
        assertThatThrownBy(() -> WeekOfMonth.days(YearMonth.of(2026, 12), 613_566_757))
                .isInstanceOf(BusinessException.class);
        assertThatThrownBy(() -> WeekOfMonth.days(YearMonth.of(2026, 12), Integer.MAX_VALUE))
                .isInstanceOf(BusinessException.class);
    }
}
