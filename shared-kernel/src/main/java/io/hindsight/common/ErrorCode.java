package io.hindsight.common;

/** A stable, UPPER_SNAKE error code clients can rely on; each bounded context has its own enum of them. */
public interface ErrorCode {

    String name();

    ErrorKind kind();
}
