package io.hindsight.projection;

/**
 * A per-aggregate read model as a pure function of its events: the live projection, as-of queries and
 * replay verification all use the same fold.
 *
 * @param <V> the view; {@code null} before the aggregate's first event
 */
@FunctionalInterface
public interface Fold<V> {

    V apply(V view, RecordedEvent event);
}
