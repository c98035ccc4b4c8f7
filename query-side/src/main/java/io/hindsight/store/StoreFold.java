package io.hindsight.store;

import io.hindsight.projection.Fold;
import io.hindsight.projection.RecordedEvent;
import io.hindsight.store.api.MenuItemAdded;
import io.hindsight.store.api.MenuItemChanged;
import io.hindsight.store.api.StoreClosed;
import io.hindsight.store.api.StoreOpened;
import io.hindsight.store.api.StoreRegistered;
import java.util.ArrayList;
import java.util.List;

/** The store view as a fold of the store's events. */
public final class StoreFold implements Fold<StoreView> {

    @Override
    public StoreView apply(StoreView view, RecordedEvent event) {
        Object payload = event.payload();
        if (payload instanceof StoreRegistered registered) {
            return new StoreView(
                    registered.storeId().value(),
                    registered.merchantId().value(),
                    registered.name(),
                    registered.address(),
                    registered.walletId().value(),
                    false,
                    List.of(),
                    event.timestamp(),
                    event.timestamp());
        }
        if (payload instanceof StoreOpened) {
            return with(view, true, view.menu(), event);
        }
        if (payload instanceof StoreClosed) {
            return with(view, false, view.menu(), event);
        }
        if (payload instanceof MenuItemAdded added) {
            List<StoreView.MenuItemView> menu = new ArrayList<>(view.menu());
            menu.add(new StoreView.MenuItemView(
                    added.menuId().value(), added.name(), added.price(), added.description(), true));
            return with(view, view.open(), menu, event);
        }
        if (payload instanceof MenuItemChanged changed) {
            List<StoreView.MenuItemView> menu = view.menu().stream()
                    .map(item -> item.menuId().equals(changed.menuId().value())
                            ? new StoreView.MenuItemView(
                                    item.menuId(),
                                    changed.name(),
                                    changed.price(),
                                    changed.description(),
                                    changed.available())
                            : item)
                    .toList();
            return with(view, view.open(), menu, event);
        }
        return view;
    }

    private static StoreView with(
            StoreView view, boolean open, List<StoreView.MenuItemView> menu, RecordedEvent event) {
        return new StoreView(
                view.storeId(),
                view.merchantId(),
                view.name(),
                view.address(),
                view.walletId(),
                open,
                menu,
                view.registeredAt(),
                event.timestamp());
    }
}
