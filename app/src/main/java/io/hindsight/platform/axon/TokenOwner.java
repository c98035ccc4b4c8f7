package io.hindsight.platform.axon;

/** The name under which this node claims segments in {@code token_entry.owner}. */
public record TokenOwner(String name) {}
