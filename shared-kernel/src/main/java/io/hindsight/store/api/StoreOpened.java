package io.hindsight.store.api;

import org.axonframework.serialization.Revision;

/** The store takes orders. */
@Revision("1")
public record StoreOpened(StoreId storeId) implements StoreEvent {}
