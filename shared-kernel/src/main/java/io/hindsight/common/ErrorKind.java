package io.hindsight.common;

/** The kind of failure an {@link ErrorCode} stands for; the web layer maps each kind to one HTTP status. */
public enum ErrorKind {
    INVALID_INPUT,
    UNAUTHENTICATED,
    FORBIDDEN,
    NOT_FOUND,
    CONFLICT,
    PRECONDITION_FAILED,
    TOO_LARGE,
    RATE_LIMITED,
    UNAVAILABLE
}
