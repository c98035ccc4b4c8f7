package io.hindsight.store;

import java.time.Instant;
import java.util.Map;

/**
 * One message of a live stream - a store's placed orders ({@code store:<storeId>}) or a user's notifications
 * ({@code user:<accountId>}) - derived from the event at {@code position} in the event store, which is also its
 * id in the stream: positions only grow, so a client resuming after the last id it saw misses and repeats nothing.
 */
public record StoreMessage(String stream, long position, String type, Instant at, Map<String, Object> data) {}
