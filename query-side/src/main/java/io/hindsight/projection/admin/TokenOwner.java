package io.hindsight.projection.admin;

/** The name this node claims segments under in Axon's token table ({@code token_entry.owner}). */
public record TokenOwner(String name) {}
