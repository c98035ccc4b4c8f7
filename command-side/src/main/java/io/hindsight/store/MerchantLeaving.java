package io.hindsight.store;

import io.hindsight.account.api.AccountId;
import io.hindsight.command.AccountLeaving;
import io.hindsight.command.Commands;
import io.hindsight.store.api.CloseStore;
import io.hindsight.store.guard.StoreCatalog;
import org.springframework.stereotype.Component;

/**
 * A resigning merchant's stores close: nobody is left to accept, reject or complete their orders. An order waiting
 * for its payment meanwhile is refused when the payment comes (and the payment cancelled); orders already placed are
 * rejected by an ADMIN, which refunds them.
 */
@Component
class MerchantLeaving implements AccountLeaving {

    private final StoreCatalog catalog;

    MerchantLeaving(StoreCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void leaving(AccountId accountId, Commands commands) {
        catalog.openStoresOf(accountId).forEach(store -> commands.send(new CloseStore(store, accountId)));
    }
}
