package io.hindsight.projection;

import java.time.Instant;

/** A view as stored: the view, the sequence of the last event folded into it, and that event's time. */
public record ViewRow<V>(String aggregateId, V view, long lastSequence, Instant updatedAt) {}
