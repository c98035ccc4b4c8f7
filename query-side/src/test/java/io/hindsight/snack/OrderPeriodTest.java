package io.hindsight.snack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hindsight.common.BusinessException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class OrderPeriodTest {

    @Test
    void calendarPeriodsCoverTheirDays() {
        assertThat(OrderPeriod.of(2024, null, null, null, null, null))
                .isEqualTo(new OrderPeriod(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31)));
        assertThat(OrderPeriod.of(2024, 2, null, null, null, null))
                .isEqualTo(new OrderPeriod(LocalDate.of(2024, 2, 1), LocalDate.of(2024, 2, 29)));
        assertThat(OrderPeriod.of(2024, 1, 1, null, null, null))
                .isEqualTo(new OrderPeriod(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 7)));
        assertThat(OrderPeriod.of(2024, 3, null, 15, null, null))
                .isEqualTo(new OrderPeriod(LocalDate.of(2024, 3, 15), LocalDate.of(2024, 3, 15)));
        assertThat(OrderPeriod.of(null, null, null, null, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 14)))
                .isEqualTo(new OrderPeriod(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 14)));
        assertThat(OrderPeriod.of(null, null, null, null, null, null)).isEqualTo(OrderPeriod.ALL);
    }

    @Test
    void contradictoryOrIncompletePeriodsAreRefused() {
        assertThatThrownBy(() -> OrderPeriod.of(null, 3, null, null, null, null))
                .isInstanceOf(BusinessException.class);
        assertThatThrownBy(() -> OrderPeriod.of(2024, null, 1, null, null, null))
                .isInstanceOf(BusinessException.class);
        assertThatThrownBy(() -> OrderPeriod.of(2024, 13, null, null, null, null))
                .isInstanceOf(BusinessException.class);
        assertThatThrownBy(() -> OrderPeriod.of(2024, 2, null, 30, null, null)).isInstanceOf(BusinessException.class);
        assertThatThrownBy(() -> OrderPeriod.of(2024, 2, 1, 3, null, null)).isInstanceOf(BusinessException.class);
        assertThatThrownBy(() -> OrderPeriod.of(2024, null, null, null, LocalDate.of(2024, 1, 1), null))
                .isInstanceOf(BusinessException.class);
        assertThatThrownBy(() ->
                        OrderPeriod.of(null, null, null, null, LocalDate.of(2024, 2, 1), LocalDate.of(2024, 1, 1)))
                .isInstanceOf(BusinessException.class);
        assertThatThrownBy(() -> OrderPeriod.of(-5, null, null, null, null, null))
                .isInstanceOf(BusinessException.class);
    }
}
