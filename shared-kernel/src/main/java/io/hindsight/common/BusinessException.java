package io.hindsight.common;

/** A broken rule or refused request, carrying the stable code the client sees. */
public class BusinessException extends RuntimeException {

    private final transient ErrorCode code;

    public BusinessException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public BusinessException(ErrorCode code, String message, Object... args) {
        this(code, String.format(message, args));
    }

    public ErrorCode code() {
        return code;
    }
}
