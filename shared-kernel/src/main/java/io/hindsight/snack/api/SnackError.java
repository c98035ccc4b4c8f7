package io.hindsight.snack.api;

import io.hindsight.common.ErrorCode;
import io.hindsight.common.ErrorKind;

/** Error codes of the office snacks context. */
public enum SnackError implements ErrorCode {
    SNACK_EXISTS(ErrorKind.CONFLICT),
    SNACK_NOT_FOUND(ErrorKind.NOT_FOUND),
    UNKNOWN_SNACK(ErrorKind.INVALID_INPUT),
    DUPLICATE_REACTION(ErrorKind.CONFLICT),
    SNACK_ORDER_NOT_FOUND(ErrorKind.NOT_FOUND),
    SNACK_ALREADY_REQUESTED(ErrorKind.CONFLICT),
    DUPLICATE_ITEM(ErrorKind.INVALID_INPUT),
    ORDER_NOT_EDITABLE(ErrorKind.CONFLICT),
    INVALID_TRANSITION(ErrorKind.CONFLICT),
    SNACK_DISLIKED(ErrorKind.CONFLICT),
    ESTIMATED_ARRIVAL_REQUIRED(ErrorKind.INVALID_INPUT),
    INVALID_ESTIMATED_ARRIVAL(ErrorKind.INVALID_INPUT),
    INVALID_PERIOD(ErrorKind.INVALID_INPUT),
    SNACK_RETIRED(ErrorKind.CONFLICT),
    ORDER_NOT_CANCELABLE(ErrorKind.CONFLICT),
    NOTHING_TO_CHANGE(ErrorKind.INVALID_INPUT);

    private final ErrorKind kind;

    SnackError(ErrorKind kind) {
        this.kind = kind;
    }

    @Override
    public ErrorKind kind() {
        return kind;
    }
}
