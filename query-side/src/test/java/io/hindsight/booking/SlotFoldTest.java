package io.hindsight.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.hindsight.account.api.AccountId;
import io.hindsight.booking.api.BookingCanceled;
import io.hindsight.booking.api.BookingConfirmed;
import io.hindsight.booking.api.BookingExpired;
import io.hindsight.booking.api.BookingId;
import io.hindsight.booking.api.BookingOption;
import io.hindsight.booking.api.BookingPayment;
import io.hindsight.booking.api.BookingPlaced;
import io.hindsight.booking.api.BookingStatus;
import io.hindsight.booking.api.CancellationParty;
import io.hindsight.booking.api.SlotId;
import io.hindsight.booking.api.SpaceId;
import io.hindsight.projection.RecordedEvent;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SlotFoldTest {

    private final SlotFold fold = new SlotFold();
    private final SpaceId spaceId = SpaceId.of("0b7e6c1e-5d4f-4a3b-9c2d-1e0f9a8b7c6d");
    private final LocalDate date = LocalDate.of(2030, 5, 1);
    private final SlotId slotId = SlotId.of(spaceId, date);
    private final Instant t0 = Instant.parse("2030-04-01T10:00:00Z");
    private long sequence;

    private RecordedEvent event(Object payload, Instant at, String actor) {
        return new RecordedEvent(slotId.value(), "Slot", sequence++, at, actor, "corr", payload);
    }

    private BookingPlaced placed(BookingId id, BookingOption option) {
        return new BookingPlaced(
                slotId,
                id,
                spaceId,
                date,
                option,
                4,
                AccountId.of("guest"),
                AccountId.of("host"),
                50_000L,
                "KRW",
                t0.plusSeconds(900),
                id.paymentTransferId());
    }

    @Test
    void aPlacedBookingIsPendingAndTakesItsOption() {
        BookingId id = BookingId.newId(spaceId, date);
        SlotView view = fold.apply(null, event(placed(id, BookingOption.DAY), t0, "guest"));

        BookingView booking = view.booking(id.value()).orElseThrow();
        assertThat(booking.status()).isEqualTo(BookingStatus.PENDING);
        assertThat(booking.placedAt()).isEqualTo(t0);
        assertThat(booking.holdExpiresAt()).isEqualTo(t0.plusSeconds(900));
        assertThat(booking.payment()).isEqualTo(BookingPayment.held(id.paymentTransferId(), 50_000L, "KRW"));
        assertThat(booking.statusHistory()).extracting(StatusChange::actorId).containsExactly("guest");
        assertThat(view.taken(BookingOption.DAY)).isTrue();
        assertThat(view.taken(BookingOption.NIGHT)).isFalse();
        assertThat(view.conflictWith(BookingOption.ALL_DAY)).isPresent();
        assertThat(view.conflictWith(BookingOption.NIGHT)).isEmpty();
    }

    @Test
    void confirmationKeepsTheSlotAndRecordsThePayment() {
        BookingId id = BookingId.newId(spaceId, date);
        SlotView view = fold.apply(null, event(placed(id, BookingOption.ALL_DAY), t0, "guest"));
        view = fold.apply(
                view,
                event(new BookingConfirmed(slotId, id, 50_000L, id.paymentTransferId()), t0.plusSeconds(60), "guest"));

        BookingView booking = view.booking(id.value()).orElseThrow();
        assertThat(booking.status()).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(booking.confirmedAt()).isEqualTo(t0.plusSeconds(60));
        assertThat(booking.payment().transferId()).isEqualTo(id.paymentTransferId());
        assertThat(booking.payment().amount()).isEqualTo(50_000L);
        assertThat(booking.payment().status()).isEqualTo(BookingPayment.Status.PAID);
        assertThat(view.taken(BookingOption.ALL_DAY)).isTrue();
    }

    @Test
    void cancelingAPaidBookingRecordsItsRefund() {
        BookingId id = BookingId.newId(spaceId, date);
        SlotView view = fold.apply(null, event(placed(id, BookingOption.DAY), t0, "guest"));
        view = fold.apply(
                view,
                event(new BookingConfirmed(slotId, id, 50_000L, id.paymentTransferId()), t0.plusSeconds(1), "guest"));
        RecordedEvent cancel = event(
                new BookingCanceled(slotId, id, CancellationParty.GUEST, id.refundTransferId()),
                t0.plusSeconds(2),
                "guest");

        BookingPayment payment =
                SlotFold.bookingAfter(view, cancel).orElseThrow().payment();
        assertThat(fold.apply(view, cancel).booking(id.value())).isEmpty();
        assertThat(payment.status()).isEqualTo(BookingPayment.Status.REFUNDED);
        assertThat(payment.refundTransferId()).isEqualTo(id.refundTransferId());
    }

    @Test
    void aBookingPlacedBeforeLedgerPaymentsHasNoPayment() {
        BookingId id = BookingId.newId(spaceId, date);
        BookingPlaced legacy = new BookingPlaced(
                slotId,
                id,
                spaceId,
                date,
                BookingOption.DAY,
                4,
                AccountId.of("guest"),
                AccountId.of("host"),
                50_000L,
                "KRW",
                t0.plusSeconds(900),
                null);
        SlotView view = fold.apply(null, event(legacy, t0, "guest"));
        view = fold.apply(view, event(new BookingConfirmed(slotId, id, 50_000L, null), t0.plusSeconds(1), "guest"));
        RecordedEvent cancel =
                event(new BookingCanceled(slotId, id, CancellationParty.GUEST, null), t0.plusSeconds(2), "guest");

        BookingView booking = SlotFold.bookingAfter(view, cancel).orElseThrow();
        assertThat(booking.status()).isEqualTo(BookingStatus.CANCELED);
        assertThat(booking.payment()).isNull();
    }

    @Test
    void cancelingOrExpiringFreesTheOptionAndTheBookingLeavesTheViewWithItsHistory() {
        BookingId canceled = BookingId.newId(spaceId, date);
        BookingId expired = BookingId.newId(spaceId, date);
        BookingId kept = BookingId.newId(spaceId, date);
        SlotView view = fold.apply(null, event(placed(canceled, BookingOption.DAY), t0, "guest"));
        view = fold.apply(view, event(placed(expired, BookingOption.NIGHT), t0.plusSeconds(1), "guest"));
        RecordedEvent cancel =
                event(new BookingCanceled(slotId, canceled, CancellationParty.HOST, null), t0.plusSeconds(2), "host");
        BookingView canceledView = SlotFold.bookingAfter(view, cancel).orElseThrow();
        view = fold.apply(view, cancel);
        view = fold.apply(view, event(placed(kept, BookingOption.DAY), t0.plusSeconds(3), "guest"));
        RecordedEvent expiry = event(new BookingExpired(slotId, expired), t0.plusSeconds(900), "system");
        BookingView expiredView = SlotFold.bookingAfter(view, expiry).orElseThrow();
        view = fold.apply(view, expiry);

        assertThat(view.taken(BookingOption.DAY)).isTrue();
        assertThat(view.taken(BookingOption.NIGHT)).isFalse();
        assertThat(view.bookings()).extracting(BookingView::bookingId).containsExactly(kept.value());
        assertThat(canceledView.status()).isEqualTo(BookingStatus.CANCELED);
        assertThat(canceledView.canceledBy()).isEqualTo(CancellationParty.HOST);
        assertThat(canceledView.payment().status()).isEqualTo(BookingPayment.Status.VOIDED);
        assertThat(canceledView.statusHistory())
                .extracting(StatusChange::status, StatusChange::actorId)
                .containsExactly(tuple(BookingStatus.PENDING, "guest"), tuple(BookingStatus.CANCELED, "host"));
        assertThat(expiredView.status()).isEqualTo(BookingStatus.EXPIRED);
        assertThat(expiredView.expiredAt()).isEqualTo(t0.plusSeconds(900));
        assertThat(expiredView.payment().status()).isEqualTo(BookingPayment.Status.VOIDED);
        assertThat(SlotFold.bookingAfter(view, expiry)).isEmpty();
        assertThat(fold.apply(view, expiry)).isEqualTo(view);
    }

    @Test
    void aSlotBookedAndCanceledAThousandTimesHoldsOnlyItsLiveBooking() {
        SlotView view = null;
        for (int i = 0; i < 1_000; i++) {
            BookingId id = BookingId.newId(spaceId, date);
            view = fold.apply(view, event(placed(id, BookingOption.DAY), t0.plusSeconds(2 * i), "guest"));
            view = fold.apply(
                    view,
                    event(
                            new BookingCanceled(slotId, id, CancellationParty.GUEST, null),
                            t0.plusSeconds(2 * i + 1),
                            "guest"));
        }
        BookingId last = BookingId.newId(spaceId, date);
        view = fold.apply(view, event(placed(last, BookingOption.NIGHT), t0.plusSeconds(5_000), "guest"));

        assertThat(view.bookings()).extracting(BookingView::bookingId).containsExactly(last.value());
    }
}
