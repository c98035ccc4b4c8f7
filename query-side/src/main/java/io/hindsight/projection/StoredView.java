package io.hindsight.projection;

/** A view as stored, with the sequence number of the last event folded into it. */
public record StoredView<V>(V view, long lastSequence) {}
