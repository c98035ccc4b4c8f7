package io.hindsight.booking.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hindsight.common.BusinessException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class BookingIdTest {

    private final SpaceId spaceId = SpaceId.of("0b7e6c1e-5d4f-4a3b-9c2d-1e0f9a8b7c6d");

    @Test
    void aBookingIdNamesItsSlot() {
        LocalDate date = LocalDate.of(2030, 2, 28);
        BookingId id = BookingId.newId(spaceId, date);

        assertThat(BookingId.parse(id.value())).contains(id);
        assertThat(id.spaceId()).isEqualTo(spaceId);
        assertThat(id.date()).isEqualTo(date);
        assertThat(id.slotId()).isEqualTo(SlotId.of(spaceId, date));
        assertThat(id.slotId().value()).isEqualTo("slot-0b7e6c1e-5d4f-4a3b-9c2d-1e0f9a8b7c6d-2030-02-28");
    }

    /** A date whose year is not four digits made an id its own format refused: a 500 when the slot was routed. */
    @Test
    void aDateAnIdCannotSpellIsRefusedAsOutsideTheBookableDays() {
        assertThatThrownBy(() -> BookingId.newId(spaceId, LocalDate.parse("+99999-01-01")))
                .isInstanceOfSatisfying(
                        BusinessException.class, e -> assertThat(e.code()).isEqualTo(BookingError.DATE_TOO_FAR));
        assertThatThrownBy(() -> BookingId.newId(spaceId, LocalDate.parse("-0001-01-01")))
                .isInstanceOfSatisfying(
                        BusinessException.class, e -> assertThat(e.code()).isEqualTo(BookingError.DATE_IN_PAST));
        assertThat(BookingId.newId(spaceId, LocalDate.of(9999, 12, 31)).date()).isEqualTo(LocalDate.of(9999, 12, 31));
    }

    /** An id written in capitals had been no booking at all (404), where a product's or an order's is read as itself. */
    @Test
    void aBookingIdIsReadInAnyCaseOfItsLetters() {
        BookingId id = BookingId.newId(spaceId, LocalDate.of(2030, 2, 28));
        assertThat(BookingId.parse(id.value().toUpperCase(java.util.Locale.ROOT)))
                .contains(id);
        assertThat(SpaceId.parse(spaceId.value().toUpperCase(java.util.Locale.ROOT)))
                .contains(spaceId);
    }

    @Test
    void textThatIsNoBookingIdIsRefused() {
        assertThat(BookingId.parse(null)).isEmpty();
        assertThat(BookingId.parse("nope")).isEmpty();
        assertThat(BookingId.parse("bk_" + spaceId + "_2030-02-30_0123456789ab"))
                .isEmpty();
        assertThat(BookingId.parse("bk_" + spaceId + "_2030-02-28_0123456789ab'; DROP"))
                .isEmpty();
        assertThat(SpaceId.parse("../../etc")).isEmpty();
    }

    @Test
    void allDayConflictsWithEverythingAndDayAndNightOnlyWithThemselves() {
        for (BookingOption a : BookingOption.values()) {
            for (BookingOption b : BookingOption.values()) {
                boolean expected = a == BookingOption.ALL_DAY || b == BookingOption.ALL_DAY || a == b;
                assertThat(a.conflictsWith(b)).as("%s vs %s", a, b).isEqualTo(expected);
            }
        }
    }
}
