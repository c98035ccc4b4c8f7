package io.hindsight.store.api;

import io.hindsight.common.ErrorCode;
import io.hindsight.common.ErrorKind;

/** Error codes of the stores context. */
public enum StoreError implements ErrorCode {
    STORE_NOT_FOUND(ErrorKind.NOT_FOUND),
    MENU_NOT_FOUND(ErrorKind.NOT_FOUND),
    UNKNOWN_MENU(ErrorKind.INVALID_INPUT),
    DUPLICATE_ITEM(ErrorKind.INVALID_INPUT),
    INVALID_POINTS(ErrorKind.INVALID_INPUT),
    NOTHING_TO_CHANGE(ErrorKind.INVALID_INPUT),
    STORE_CLOSED(ErrorKind.CONFLICT),
    MENU_UNAVAILABLE(ErrorKind.CONFLICT),
    MENU_FULL(ErrorKind.CONFLICT),
    STORE_ORDER_NOT_FOUND(ErrorKind.NOT_FOUND),
    INVALID_TRANSITION(ErrorKind.CONFLICT),
    RECIPIENT_NOT_FOUND(ErrorKind.NOT_FOUND),
    INVALID_RECIPIENT(ErrorKind.INVALID_INPUT),
    COUPON_NOT_FOUND(ErrorKind.NOT_FOUND),
    COUPON_EXPIRED(ErrorKind.CONFLICT),
    COUPON_USED(ErrorKind.CONFLICT),
    COUPON_WITHDRAWN(ErrorKind.CONFLICT),
    COUPON_NOT_REGISTERED(ErrorKind.CONFLICT),
    FREE_GIFT_LIMIT_REACHED(ErrorKind.CONFLICT),
    PAYMENT_PROVIDER_UNAVAILABLE(ErrorKind.UNAVAILABLE);

    private final ErrorKind kind;

    StoreError(ErrorKind kind) {
        this.kind = kind;
    }

    @Override
    public ErrorKind kind() {
        return kind;
    }
}
