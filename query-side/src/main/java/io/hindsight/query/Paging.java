package io.hindsight.query;

import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;

/** Offset/limit paging as the API defines it: offset from 0, limit 1..1000, default 20. */
public record Paging(int offset, int limit) {

    public static final int MAX_LIMIT = 1000;
    public static final int DEFAULT_LIMIT = 20;

    public static Paging of(Integer offset, Integer limit) {
        int o = offset == null ? 0 : offset;
        if (o < 0) {
            throw new BusinessException(CommonError.VALIDATION_FAILED, "offset must not be negative, was %d", o);
        }
        return new Paging(o, count("limit", limit, DEFAULT_LIMIT));
    }

    /** A number of items to answer, named {@code parameter}: 1 to {@link #MAX_LIMIT}, {@code orDefault} when absent. */
    public static int count(String parameter, Integer value, int orDefault) {
        int count = value == null ? orDefault : value;
        if (count < 1) {
            throw new BusinessException(
                    CommonError.VALIDATION_FAILED, "%s must be at least 1, was %d", parameter, count);
        }
        if (count > MAX_LIMIT) {
            throw new BusinessException(
                    CommonError.LIMIT_TOO_LARGE, "%s must be at most %d, was %d", parameter, MAX_LIMIT, count);
        }
        return count;
    }
}
