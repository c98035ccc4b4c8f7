package io.hindsight.booking;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.hindsight.account.api.AccountId;
import io.hindsight.booking.api.BookingCanceled;
import io.hindsight.booking.api.BookingConfirmed;
import io.hindsight.booking.api.BookingError;
import io.hindsight.booking.api.BookingExpired;
import io.hindsight.booking.api.BookingId;
import io.hindsight.booking.api.BookingOption;
import io.hindsight.booking.api.BookingPayment;
import io.hindsight.booking.api.BookingPlaced;
import io.hindsight.booking.api.BookingStatus;
import io.hindsight.booking.api.CancelBooking;
import io.hindsight.booking.api.CancellationParty;
import io.hindsight.booking.api.ConfirmBooking;
import io.hindsight.booking.api.PlaceBooking;
import io.hindsight.booking.api.SlotId;
import io.hindsight.booking.api.SpaceId;
import io.hindsight.booking.api.SpacePrices;
import io.hindsight.booking.guard.BookingGuests;
import io.hindsight.booking.guard.HostBookings;
import io.hindsight.booking.guard.SpaceTerms;
import io.hindsight.command.CommandRole;
import io.hindsight.command.Commands;
import io.hindsight.command.SystemDeadlines;
import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import io.hindsight.ledger.OwnHolds;
import io.hindsight.ledger.api.Hold;
import io.hindsight.ledger.api.LedgerAccountId;
import io.hindsight.ledger.api.LedgerError;
import io.hindsight.ledger.api.OpenLedgerAccountIfMissing;
import io.hindsight.ledger.api.Transfer;
import io.hindsight.ledger.api.TransferId;
import io.hindsight.ledger.api.TransferKind;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The bookings of one space on one date. Every booking of that date goes through this one aggregate, so
 * the event store's unique (aggregate id, sequence) key lets exactly one of two conflicting bookings in:
 * on another node the other is appended against a stale sequence (or creates the slot a second time),
 * is sent again, and then sees the slot taken. A booking is paid through the ledger, by commands sent from
 * inside these handlers and so committed or rolled back with the slot's event: its price is held in the
 * guest's wallet toward the host's when it is placed, posted when it is confirmed, voided when it is canceled
 * or expires unpaid, and paid back from the host's wallet when a confirmed booking is canceled. Each booking still to
 * come is also written to {@link HostBookings} in the transaction of its event, for its host's resignation. The slot
 * keeps only its live bookings: one that is canceled or expires leaves its state for {@link EndedBookings}, written in
 * the transaction of the event that ended it, so the slot costs the same however many bookings its date has had.
 */
@CommandRole
@Aggregate(filterEventsByType = true)
@Revision("2")
public class Slot {

    public static final String HOLD_DEADLINE = "booking-hold-expiry";

    @AggregateIdentifier
    private SlotId slotId;

    private LocalDate date;
    private final Map<BookingId, HeldBooking> bookings = new LinkedHashMap<>();

    protected Slot() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public BookingState handle(
            PlaceBooking command,
            SpaceTerms spaces,
            BookingProperties policy,
            DeadlineManager deadlines,
            MetaData metaData,
            Commands commands,
            HostBookings hostBookings) {
        SpaceTerms.Terms terms = spaces.termsOrRefuse(command.spaceId());
        requireAddressedHere(command);
        Instant now = now();
        policy.window().requireBookable(command.date(), now);
        long price = terms.prices()
                .priceOf(command.option())
                .orElseThrow(() -> new BusinessException(
                        BookingError.OPTION_NOT_OFFERED,
                        "Space %s does not offer %s; it offers %s",
                        command.spaceId(),
                        command.option(),
                        terms.prices().offered().keySet()));
        if (!terms.admits(command.headcount())) {
            throw new BusinessException(
                    BookingError.HEADCOUNT_OUT_OF_RANGE,
                    "Space %s takes %d to %d people, not %d",
                    command.spaceId(),
                    terms.minCount(),
                    terms.maxCount(),
                    command.headcount());
        }
        if (terms.hostId().equals(command.guestId())) {
            throw new BusinessException(
                    BookingError.OWN_SPACE, "Cannot book space %s: you are its host", command.spaceId());
        }
        Optional<HeldBooking> conflicting = bookings.values().stream()
                .filter(held -> held.option().conflictsWith(command.option()))
                .findFirst();
        if (conflicting.isPresent()) {
            throw new BusinessException(
                    BookingError.SLOT_TAKEN,
                    "Cannot book %s of space %s on %s: %s is already booked",
                    command.option(),
                    command.spaceId(),
                    command.date(),
                    conflicting.get().option());
        }
        Instant holdExpiresAt = now.plus(policy.holdDuration()).truncatedTo(ChronoUnit.MILLIS);
        TransferId transferId = price > 0 ? holdPrice(commands, command, terms.hostId(), price) : null;
        apply(new BookingPlaced(
                command.slotId(),
                command.bookingId(),
                command.spaceId(),
                command.date(),
                command.option(),
                command.headcount(),
                command.guestId(),
                terms.hostId(),
                price,
                SpacePrices.CURRENCY,
                holdExpiresAt,
                transferId));
        hostBookings.placed(command.bookingId(), terms.hostId(), command.guestId(), command.date());
        deadlines.schedule(
                holdExpiresAt, HOLD_DEADLINE, SystemDeadlines.message(new HoldExpiry(command.bookingId()), metaData));
        return state(command.bookingId());
    }

    @CommandHandler
    public BookingState handle(ConfirmBooking command, Commands commands, EndedBookings endedBookings) {
        HeldBooking booking = bookings.get(command.bookingId());
        if (booking == null) {
            EndedBookings.Ended ended = visibleEndedBooking(endedBookings, command.bookingId(), command.requestedBy());
            requireGuest(ended.guestId(), command);
            throw invalidTransition("confirm", ended.state());
        }
        requireVisible(booking, command.requestedBy());
        requireGuest(booking.guestId(), command);
        if (booking.status() == BookingStatus.CONFIRMED) {
            return state(booking.id());
        }
        if (!now().isBefore(booking.holdExpiresAt())) {
            throw new BusinessException(
                    BookingError.HOLD_EXPIRED,
                    "Cannot confirm booking %s: its hold ended at %s",
                    booking.id(),
                    booking.holdExpiresAt());
        }
        TransferId transferId =
                booking.payment() == null ? null : booking.payment().transferId();
        if (transferId != null) {
            OwnHolds.post(commands, transferId);
        }
        apply(new BookingConfirmed(slotId, booking.id(), booking.price(), transferId));
        return state(booking.id());
    }

    @CommandHandler
    public BookingState handle(
            CancelBooking command,
            BookingProperties policy,
            Commands commands,
            BookingGuests guests,
            HostBookings hostBookings,
            EndedBookings endedBookings) {
        HeldBooking booking = bookings.get(command.bookingId());
        if (booking == null) {
            EndedBookings.Ended ended = visibleEndedBooking(endedBookings, command.bookingId(), command.requestedBy());
            if (ended.state().status() == BookingStatus.CANCELED) {
                return ended.state();
            }
            throw invalidTransition("cancel", ended.state());
        }
        requireVisible(booking, command.requestedBy());
        LocalDate today = policy.window().today(now());
        if (date.isBefore(today)) {
            throw new BusinessException(
                    BookingError.BOOKING_IN_PAST,
                    "Cannot cancel booking %s: its date %s has passed",
                    booking.id(),
                    date);
        }
        CancellationParty party =
                booking.guestId().equals(command.requestedBy()) ? CancellationParty.GUEST : CancellationParty.HOST;
        TransferId refund = null;
        if (booking.payment() != null && booking.status() == BookingStatus.CONFIRMED) {
            guests.stillHereOrRefuse(booking.guestId(), booking.id());
            refund = payBack(commands, booking);
        } else if (booking.payment() != null) {
            OwnHolds.release(commands, booking.payment().transferId());
        }
        BookingCanceled event = new BookingCanceled(slotId, booking.id(), party, refund);
        BookingState canceled = booking.with(
                        BookingStatus.CANCELED, payment -> payment.canceled(event.refundTransferId()))
                .state(date);
        apply(event);
        recordEnd(booking, canceled, hostBookings, endedBookings);
        return canceled;
    }

    @DeadlineHandler(deadlineName = HOLD_DEADLINE)
    void on(HoldExpiry expiry, Commands commands, HostBookings hostBookings, EndedBookings endedBookings) {
        HeldBooking booking = bookings.get(expiry.bookingId());
        if (booking != null && booking.status() == BookingStatus.PENDING) {
            if (booking.payment() != null) {
                OwnHolds.release(commands, booking.payment().transferId());
            }
            BookingState expired =
                    booking.with(BookingStatus.EXPIRED, BookingPayment::voided).state(date);
            apply(new BookingExpired(slotId, booking.id()));
            recordEnd(booking, expired, hostBookings, endedBookings);
        }
    }

    @EventSourcingHandler
    void on(BookingPlaced event) {
        slotId = event.slotId();
        date = event.date();
        bookings.put(
                event.bookingId(),
                new HeldBooking(
                        event.bookingId(),
                        event.spaceId(),
                        event.option(),
                        event.headcount(),
                        event.guestId(),
                        event.hostId(),
                        event.price(),
                        event.currency(),
                        event.holdExpiresAt(),
                        BookingStatus.PENDING,
                        event.transferId() == null
                                ? null
                                : BookingPayment.held(event.transferId(), event.price(), event.currency())));
    }

    @EventSourcingHandler
    void on(BookingConfirmed event) {
        bookings.computeIfPresent(
                event.bookingId(), (id, held) -> held.with(BookingStatus.CONFIRMED, BookingPayment::paid));
    }

    @EventSourcingHandler
    void on(BookingCanceled event) {
        bookings.remove(event.bookingId());
    }

    @EventSourcingHandler
    void on(BookingExpired event) {
        bookings.remove(event.bookingId());
    }

    /** In the transaction of the event that ended it: the booking is no longer to come, and is answered as it ended. */
    private static void recordEnd(
            HeldBooking booking, BookingState ended, HostBookings hostBookings, EndedBookings endedBookings) {
        hostBookings.ended(booking.id());
        endedBookings.record(booking.id(), booking.guestId(), booking.hostId(), ended);
    }

    /** Holds the price in the guest's wallet toward the host's, opening the host's wallet on their first booking. */
    private static TransferId holdPrice(Commands commands, PlaceBooking command, AccountId hostId, long price) {
        TransferId transferId = command.bookingId().paymentTransferId();
        commands.send(new OpenLedgerAccountIfMissing(LedgerAccountId.wallet(hostId)));
        commands.send(new Hold(
                transferId,
                LedgerAccountId.wallet(command.guestId()),
                LedgerAccountId.wallet(hostId),
                price,
                TransferKind.BOOKING,
                references(command.bookingId())));
        return transferId;
    }

    /**
     * Pays a confirmed booking's price back from the host's wallet to the guest's; when the host's wallet cannot
     * cover it, the cancellation is refused and the booking stays confirmed.
     */
    private static TransferId payBack(Commands commands, HeldBooking booking) {
        TransferId refund = booking.id().refundTransferId();
        try {
            commands.send(new Transfer(
                    refund,
                    LedgerAccountId.wallet(booking.hostId()),
                    LedgerAccountId.wallet(booking.guestId()),
                    booking.price(),
                    TransferKind.BOOKING_REFUND,
                    references(booking.id())));
        } catch (BusinessException refused) {
            if (refused.code() != LedgerError.INSUFFICIENT_FUNDS) {
                throw refused;
            }
            throw new BusinessException(
                    BookingError.REFUND_NOT_COVERED,
                    "Cannot cancel booking %s: it was paid, and the host's wallet cannot pay its %d %s back now",
                    booking.id(),
                    booking.price(),
                    booking.currency());
        }
        return refund;
    }

    private static Map<String, String> references(BookingId bookingId) {
        return Map.of(
                "bookingId", bookingId.value(), "spaceId", bookingId.spaceId().value());
    }

    /** The guest and the space's host see a booking; to anyone else it does not exist. */
    private static void requireVisible(HeldBooking booking, AccountId requestedBy) {
        if (!(booking.guestId().equals(requestedBy) || booking.hostId().equals(requestedBy))) {
            throw bookingNotFound(booking.id());
        }
    }

    private static EndedBookings.Ended visibleEndedBooking(
            EndedBookings endedBookings, BookingId bookingId, AccountId requestedBy) {
        return endedBookings
                .find(bookingId)
                .filter(ended -> ended.visibleTo(requestedBy))
                .orElseThrow(() -> bookingNotFound(bookingId));
    }

    private static void requireGuest(AccountId guestId, ConfirmBooking command) {
        if (!guestId.equals(command.requestedBy())) {
            throw new BusinessException(
                    CommonError.FORBIDDEN, "Only the guest who booked %s can pay for it", command.bookingId());
        }
    }

    private static BusinessException bookingNotFound(BookingId bookingId) {
        return new BusinessException(BookingError.BOOKING_NOT_FOUND, "There is no booking %s", bookingId);
    }

    private static BusinessException invalidTransition(String change, BookingState ended) {
        return new BusinessException(
                BookingError.INVALID_TRANSITION,
                "Cannot %s booking %s: it is %s",
                change,
                ended.bookingId(),
                ended.status());
    }

    private static void requireAddressedHere(PlaceBooking command) {
        SlotId expected = SlotId.of(command.spaceId(), command.date());
        if (!expected.equals(command.slotId())
                || !expected.equals(command.bookingId().slotId())) {
            throw new IllegalArgumentException(
                    "Booking " + command.bookingId() + " was sent to slot " + command.slotId());
        }
    }

    private BookingState state(BookingId bookingId) {
        return bookings.get(bookingId).state(date);
    }

    /** The cluster's clock in the application, the fixture's in tests. */
    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    private record HeldBooking(
            BookingId id,
            SpaceId spaceId,
            BookingOption option,
            int headcount,
            AccountId guestId,
            AccountId hostId,
            long price,
            String currency,
            Instant holdExpiresAt,
            BookingStatus status,
            BookingPayment payment) {

        HeldBooking with(BookingStatus newStatus, UnaryOperator<BookingPayment> paymentChange) {
            return new HeldBooking(
                    id,
                    spaceId,
                    option,
                    headcount,
                    guestId,
                    hostId,
                    price,
                    currency,
                    holdExpiresAt,
                    newStatus,
                    payment == null ? null : paymentChange.apply(payment));
        }

        BookingState state(LocalDate date) {
            return new BookingState(
                    id.value(),
                    spaceId.value(),
                    date,
                    option,
                    headcount,
                    status,
                    price,
                    currency,
                    holdExpiresAt,
                    payment);
        }
    }
}
