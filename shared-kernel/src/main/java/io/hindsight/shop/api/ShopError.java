package io.hindsight.shop.api;

import io.hindsight.common.ErrorCode;
import io.hindsight.common.ErrorKind;

/** Error codes of the shop context. */
public enum ShopError implements ErrorCode {
    MALFORMED_ID(ErrorKind.INVALID_INPUT),
    INVALID_QUANTITY(ErrorKind.INVALID_INPUT),
    INVALID_PERIOD(ErrorKind.INVALID_INPUT),
    NOTHING_TO_CHANGE(ErrorKind.INVALID_INPUT),
    PRODUCT_NOT_FOUND(ErrorKind.NOT_FOUND),
    CART_NOT_FOUND(ErrorKind.NOT_FOUND),
    ITEM_NOT_IN_CART(ErrorKind.NOT_FOUND),
    RECEIPT_NOT_FOUND(ErrorKind.NOT_FOUND),
    PRODUCT_INACTIVE(ErrorKind.CONFLICT),
    QUANTITY_LIMIT_EXCEEDED(ErrorKind.CONFLICT),
    QUANTITY_NOT_LOWER(ErrorKind.CONFLICT),
    CART_FULL(ErrorKind.CONFLICT),
    CART_EMPTY(ErrorKind.CONFLICT),
    CART_CHECKED_OUT(ErrorKind.CONFLICT),
    CART_ALREADY_OPEN(ErrorKind.CONFLICT);

    private final ErrorKind kind;

    ShopError(ErrorKind kind) {
        this.kind = kind;
    }

    @Override
    public ErrorKind kind() {
        return kind;
    }
}
