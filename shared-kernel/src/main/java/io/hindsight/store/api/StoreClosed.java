package io.hindsight.store.api;

import org.axonframework.serialization.Revision;

/** The store takes no new orders. */
@Revision("1")
public record StoreClosed(StoreId storeId) implements StoreEvent {}
