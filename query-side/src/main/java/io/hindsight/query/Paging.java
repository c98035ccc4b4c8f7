package io.hindsight.query;

import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;

/** Offset/limit paging as the API defines it: offset from 0, limit 1..1000, default 20. */
public record Paging(int offset, int limit) {

    public static final int MAX_LIMIT = 1000;
    public static final int DEFAULT_LIMIT = 20;

    public static Paging of(Integer offset, Integer limit) {
        int o = offset == null ? 0 : offset;
        int l = limit == null ? DEFAULT_LIMIT : limit;
        if (o < 0) {
            throw new BusinessException(CommonError.VALIDATION_FAILED, "offset must not be negative, was %d", o);
        }
        if (l < 1) {
            throw new BusinessException(CommonError.VALIDATION_FAILED, "limit must be at least 1, was %d", l);
        }
        if (l > MAX_LIMIT) {
            throw new BusinessException(CommonError.LIMIT_TOO_LARGE, "limit must be at most %d, was %d", MAX_LIMIT, l);
        }
        return new Paging(o, l);
    }
}
