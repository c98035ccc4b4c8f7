package io.hindsight.store;

import static io.hindsight.command.BusinessErrors.withCode;
import static org.mockito.Mockito.mock;

import io.hindsight.account.api.AccountId;
import io.hindsight.ledger.api.LedgerAccountId;
import io.hindsight.store.api.AddMenuItem;
import io.hindsight.store.api.MenuId;
import io.hindsight.store.api.MenuItemAdded;
import io.hindsight.store.api.StoreError;
import io.hindsight.store.api.StoreId;
import io.hindsight.store.api.StoreRegistered;
import io.hindsight.store.api.StoreRules;
import io.hindsight.store.guard.StoreCatalog;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StoreTest {

    private final StoreId storeId = StoreId.newId();
    private final AccountId merchant = AccountId.of("merchant-1");
    private AggregateTestFixture<Store> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Store.class);
        fixture.registerInjectableResource(mock(StoreCatalog.class));
    }

    /** A full menu is the store's state refusing the item, as a full cart is: 409, not a malformed request. */
    @Test
    void aMenuOfTheMostItemsTakesNoMore() {
        List<Object> full = menuOf(StoreRules.MAX_MENU_ITEMS);
        fixture.given(full)
                .when(new AddMenuItem(storeId, merchant, MenuId.newId(), "One too many", 1_000, null))
                .expectException(withCode(StoreError.MENU_FULL))
                .expectNoEvents();

        MenuId last = MenuId.newId();
        fixture.given(menuOf(StoreRules.MAX_MENU_ITEMS - 1))
                .when(new AddMenuItem(storeId, merchant, last, "The last one", 1_000, null))
                .expectEvents(new MenuItemAdded(storeId, last, "The last one", 1_000, null));
    }

    private List<Object> menuOf(int items) {
        List<Object> events = new ArrayList<>();
        events.add(
                new StoreRegistered(storeId, merchant, "Store", "Seoul", LedgerAccountId.storeWallet(storeId.value())));
        for (int i = 0; i < items; i++) {
            events.add(new MenuItemAdded(storeId, MenuId.newId(), "Item " + i, 1_000, null));
        }
        return events;
    }
}
