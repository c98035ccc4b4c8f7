package io.hindsight.common;

/** Error codes that are not owned by one bounded context. */
public enum CommonError implements ErrorCode {
    VALIDATION_FAILED(ErrorKind.INVALID_INPUT),
    MALFORMED_REQUEST(ErrorKind.INVALID_INPUT),
    INVALID_TEXT(ErrorKind.INVALID_INPUT),
    LIMIT_TOO_LARGE(ErrorKind.INVALID_INPUT),
    UNSUPPORTED_MEDIA_TYPE(ErrorKind.INVALID_INPUT),
    METHOD_NOT_ALLOWED(ErrorKind.INVALID_INPUT),
    UNAUTHENTICATED(ErrorKind.UNAUTHENTICATED),
    TOKEN_INVALID(ErrorKind.UNAUTHENTICATED),
    TOKEN_REVOKED(ErrorKind.UNAUTHENTICATED),
    FORBIDDEN(ErrorKind.FORBIDDEN),
    NOT_FOUND(ErrorKind.NOT_FOUND),
    CONCURRENT_MODIFICATION(ErrorKind.CONFLICT),
    ALREADY_EXISTS(ErrorKind.CONFLICT),
    IDEMPOTENCY_KEY_REUSED(ErrorKind.CONFLICT),
    IDEMPOTENCY_IN_PROGRESS(ErrorKind.CONFLICT),
    PAYLOAD_TOO_LARGE(ErrorKind.TOO_LARGE),
    RATE_LIMITED(ErrorKind.RATE_LIMITED),
    REPLAY_IN_PROGRESS(ErrorKind.CONFLICT),
    DEPENDENCY_UNAVAILABLE(ErrorKind.UNAVAILABLE),
    SERVER_BUSY(ErrorKind.UNAVAILABLE),
    PROJECTION_REPLAYING(ErrorKind.UNAVAILABLE);

    private final ErrorKind kind;

    CommonError(ErrorKind kind) {
        this.kind = kind;
    }

    @Override
    public ErrorKind kind() {
        return kind;
    }
}
