package io.hindsight.projection;

import java.util.List;

/**
 * A view as a read folded it: the view, the sequence of the last event folded into it, the sequence of the
 * row the projection had stored when it was read (-1: none), and the events folded beyond that stored row,
 * which rows the projection derives from them (its followers) do not hold yet.
 */
public record Folded<V>(V view, long sequence, long storedSequence, List<RecordedEvent> beyondStored) {

    public Folded {
        beyondStored = List.copyOf(beyondStored);
    }
}
