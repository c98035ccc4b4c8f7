package io.hindsight.account.api;

import io.hindsight.common.ErrorCode;
import io.hindsight.common.ErrorKind;

/** Error codes of the accounts context. */
public enum AccountError implements ErrorCode {
    EMAIL_TAKEN(ErrorKind.CONFLICT),
    EMAIL_RESIGNED(ErrorKind.CONFLICT),
    NICKNAME_TAKEN(ErrorKind.CONFLICT),
    LAST_ADMIN(ErrorKind.CONFLICT),
    ACCOUNT_RESIGNED(ErrorKind.CONFLICT),
    ACCOUNT_NOT_RESIGNED(ErrorKind.CONFLICT),
    ACCOUNT_NOT_FOUND(ErrorKind.NOT_FOUND),
    BAD_CREDENTIALS(ErrorKind.UNAUTHENTICATED),
    REFRESH_TOKEN_INVALID(ErrorKind.UNAUTHENTICATED),
    REFRESH_IN_PROGRESS(ErrorKind.CONFLICT),
    WRONG_PASSWORD(ErrorKind.INVALID_INPUT),
    PASSWORD_NOT_SET(ErrorKind.CONFLICT),
    INVALID_CORRECTION(ErrorKind.INVALID_INPUT),
    NOTHING_TO_CHANGE(ErrorKind.INVALID_INPUT),
    UNKNOWN_PROVIDER(ErrorKind.NOT_FOUND),
    SOCIAL_TOKEN_INVALID(ErrorKind.UNAUTHENTICATED),
    SOCIAL_PROVIDER_UNAVAILABLE(ErrorKind.UNAVAILABLE),
    SOCIAL_EMAIL_TAKEN(ErrorKind.CONFLICT),
    SOCIAL_IDENTITY_TAKEN(ErrorKind.CONFLICT);

    private final ErrorKind kind;

    AccountError(ErrorKind kind) {
        this.kind = kind;
    }

    @Override
    public ErrorKind kind() {
        return kind;
    }
}
