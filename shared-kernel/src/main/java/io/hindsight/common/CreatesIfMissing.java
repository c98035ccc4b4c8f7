package io.hindsight.common;

/**
 * Marks a command that creates its aggregate when it does not exist yet. Two such commands for one new
 * aggregate may race on two nodes; the loser's append fails on the event store's key, and it is sent
 * again to meet the winner's state (as every command that lost an append race is).
 */
public interface CreatesIfMissing {}
