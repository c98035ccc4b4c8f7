package io.hindsight.booking.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.hindsight.common.AsciiCase;
import io.hindsight.common.BusinessException;
import io.hindsight.ledger.api.TransferId;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Identifies a booking: {@code bk_<spaceId>_<date>_<12 hex>}. It names the space and date, so every
 * command about a booking reaches the slot aggregate that holds it without a lookup.
 */
public record BookingId(String value) {

    private static final Pattern FORMAT = Pattern.compile(
            "bk_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})_(\\d{4}-\\d{2}-\\d{2})_[0-9a-f]{12}");

    public BookingId {
        Objects.requireNonNull(value, "booking id");
    }

    /**
     * The id spells its date in four digits, so a date of another year (+99999, -1) has none: it is far outside
     * the bookable days anyway, and refused as such here rather than made into an id no slot could be routed by.
     */
    public static BookingId newId(SpaceId spaceId, LocalDate date) {
        if (date.getYear() < 1) {
            throw new BusinessException(BookingError.DATE_IN_PAST, "%s is in the past", date);
        }
        if (date.getYear() > 9999) {
            throw new BusinessException(BookingError.DATE_TOO_FAR, "%s is too far ahead to book", date);
        }
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return new BookingId("bk_" + spaceId.value() + "_" + date + "_" + suffix);
    }

    @JsonCreator
    public static BookingId of(String value) {
        return new BookingId(value);
    }

    /** The id when {@code text} has the form of one, in any case of its letters. */
    public static Optional<BookingId> parse(String text) {
        String lower = text == null ? "" : AsciiCase.lowerCase(text);
        if (!FORMAT.matcher(lower).matches()) {
            return Optional.empty();
        }
        try {
            LocalDate.parse(dateText(lower));
        } catch (DateTimeParseException notADate) {
            return Optional.empty();
        }
        return Optional.of(new BookingId(lower));
    }

    public SpaceId spaceId() {
        return SpaceId.of(matched(value).group(1));
    }

    public LocalDate date() {
        return LocalDate.parse(dateText(value));
    }

    public SlotId slotId() {
        return SlotId.of(spaceId(), date());
    }

    /** The ledger hold of this booking's price: one per booking, so no retry can hold twice. */
    public TransferId paymentTransferId() {
        return TransferId.forKey("booking", value);
    }

    /** The transfer that pays a confirmed booking's price back to its guest when it is canceled. */
    public TransferId refundTransferId() {
        return TransferId.forKey("booking-refund", value);
    }

    private static String dateText(String text) {
        return matched(text).group(2);
    }

    private static Matcher matched(String text) {
        Matcher matcher = FORMAT.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalStateException("Not a booking id: " + text);
        }
        return matcher;
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
