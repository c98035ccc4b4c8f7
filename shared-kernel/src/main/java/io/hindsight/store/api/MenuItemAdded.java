package io.hindsight.store.api;

import org.axonframework.serialization.Revision;

/** An item joined the menu, available. */
@Revision("1")
public record MenuItemAdded(StoreId storeId, MenuId menuId, String name, long price, String description)
        implements StoreEvent {}
