package io.hindsight.query;

import java.util.List;
import java.util.function.Function;

/** One page of a list: {@code {items, total, offset, limit}}. */
public record Page<T>(List<T> items, long total, int offset, int limit) {

    public static <T> Page<T> of(List<T> items, long total, Paging paging) {
        return new Page<>(items, total, paging.offset(), paging.limit());
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), total, offset, limit);
    }
}
