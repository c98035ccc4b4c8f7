package io.hindsight.store.api;

import org.axonframework.serialization.Revision;

/** A menu item as it is after a change: name, price, description and whether it can be ordered. */
@Revision("1")
public record MenuItemChanged(
        StoreId storeId, MenuId menuId, String name, long price, String description, boolean available)
        implements StoreEvent {}
