package io.hindsight.booking.api;

import io.hindsight.common.ErrorCode;
import io.hindsight.common.ErrorKind;

/** Error codes of the spaces and bookings context. */
public enum BookingError implements ErrorCode {
    SPACE_NOT_FOUND(ErrorKind.NOT_FOUND),
    BOOKING_NOT_FOUND(ErrorKind.NOT_FOUND),
    UNKNOWN_CATEGORY(ErrorKind.INVALID_INPUT),
    UNKNOWN_DISTRICT(ErrorKind.INVALID_INPUT),
    UNKNOWN_FACILITY(ErrorKind.INVALID_INPUT),
    INVALID_HEADCOUNT_RANGE(ErrorKind.INVALID_INPUT),
    INVALID_PRICES(ErrorKind.INVALID_INPUT),
    UNKNOWN_OPTION(ErrorKind.INVALID_INPUT),
    UNKNOWN_SORT(ErrorKind.INVALID_INPUT),
    OPTION_NOT_OFFERED(ErrorKind.INVALID_INPUT),
    HEADCOUNT_OUT_OF_RANGE(ErrorKind.INVALID_INPUT),
    DATE_IN_PAST(ErrorKind.INVALID_INPUT),
    DATE_TOO_FAR(ErrorKind.INVALID_INPUT),
    SLOT_TAKEN(ErrorKind.CONFLICT),
    HOLD_EXPIRED(ErrorKind.CONFLICT),
    INVALID_TRANSITION(ErrorKind.CONFLICT),
    BOOKING_IN_PAST(ErrorKind.CONFLICT),
    SPACE_UNLISTED(ErrorKind.CONFLICT),
    OWN_SPACE(ErrorKind.CONFLICT),
    REFUND_NOT_COVERED(ErrorKind.CONFLICT),
    GUEST_LEFT(ErrorKind.CONFLICT),
    HOST_HAS_BOOKINGS(ErrorKind.CONFLICT),
    NOTHING_TO_CHANGE(ErrorKind.INVALID_INPUT),
    UNSUPPORTED_IMAGE(ErrorKind.INVALID_INPUT),
    IMAGE_TOO_LARGE(ErrorKind.TOO_LARGE),
    TOO_MANY_IMAGES(ErrorKind.CONFLICT),
    IMAGE_NOT_FOUND(ErrorKind.NOT_FOUND);

    private final ErrorKind kind;

    BookingError(ErrorKind kind) {
        this.kind = kind;
    }

    @Override
    public ErrorKind kind() {
        return kind;
    }
}
