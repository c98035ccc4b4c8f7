package io.hindsight.store.api;

/** Everything that can happen to a store and its menu. */
public sealed interface StoreEvent permits StoreRegistered, StoreOpened, StoreClosed, MenuItemAdded, MenuItemChanged {

    StoreId storeId();
}
