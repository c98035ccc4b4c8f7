package io.hindsight.store;

import io.hindsight.common.AuthenticatedAccount;
import io.hindsight.common.BusinessException;
import io.hindsight.ledger.LedgerEntries;
import io.hindsight.ledger.LedgerEntry;
import io.hindsight.ledger.WalletQueries;
import io.hindsight.projection.ReadModel;
import io.hindsight.projection.Where;
import io.hindsight.query.Page;
import io.hindsight.query.Paging;
import io.hindsight.store.api.StoreError;
import io.hindsight.store.api.StoreId;
import java.time.Instant;
import org.springframework.stereotype.Service;

/** Reads of stores: the list, one store with its menu, and a store's wallet for its merchant or an auditor. */
@Service
public class StoreQueries {

    private final ReadModel<StoreView> stores;
    private final LedgerEntries entries;

    public StoreQueries(ReadModel<StoreView> stores, LedgerEntries entries) {
        this.stores = stores;
        this.entries = entries;
    }

    /** Store summaries, oldest first, optionally only the open (or closed) ones. */
    public Page<StoreSummary> list(Boolean open, Paging paging) {
        Where where = open == null ? Where.all() : Where.is("open", open);
        return stores.page(where, "registered_at, aggregate_id", paging).map(StoreSummary::of);
    }

    public StoreView detail(String storeId, Instant asOf) {
        return stores.find(canonical(storeId), asOf).orElseThrow(() -> notFound(storeId));
    }

    /** A store id as the command side keeps it, which takes one in any letter case; anything else as it is. */
    public static String canonical(String storeId) {
        return StoreId.parse(storeId).map(StoreId::value).orElse(storeId);
    }

    /** The store, if the caller is its merchant; to anyone else it does not exist. */
    public StoreView ownedBy(String storeId, AuthenticatedAccount caller) {
        StoreView store = detail(storeId, null);
        if (!store.merchantId().equals(caller.accountId().value())) {
            throw notFound(storeId);
        }
        return store;
    }

    /** The store's wallet now or as of an instant, for its merchant, an ADMIN or an AUDITOR. */
    public WalletQueries.Wallet wallet(String storeId, AuthenticatedAccount caller, Instant asOf, Paging paging) {
        StoreView store = caller.canAudit() ? detail(storeId, null) : ownedBy(storeId, caller);
        if (asOf != null) {
            // its wallet opens with the store: before the store there was no wallet to show, not an empty one
            detail(storeId, asOf);
        }
        return WalletQueries.Wallet.of(
                store.walletId(), asOf, entries.balanceAndStatement(store.walletId(), asOf, paging));
    }

    static BusinessException notFound(String storeId) {
        return new BusinessException(StoreError.STORE_NOT_FOUND, "There is no store %s", storeId);
    }

    /** A store in the list. */
    public record StoreSummary(String storeId, String name, String address, boolean open) {

        static StoreSummary of(StoreView view) {
            return new StoreSummary(view.storeId(), view.name(), view.address(), view.open());
        }
    }

    /** A store's wallet with one page of its transactions. */
    public record StoreWallet(String walletId, long balance, long held, Instant asOf, Page<LedgerEntry> transactions) {}
}
