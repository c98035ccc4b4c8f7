package io.hindsight.store.api;

import io.hindsight.account.api.AccountId;
import io.hindsight.ledger.api.LedgerAccountId;
import org.axonframework.serialization.Revision;

/** A merchant signed up with this store, closed at first, and its wallet in the ledger. */
@Revision("1")
public record StoreRegistered(
        StoreId storeId, AccountId merchantId, String name, String address, LedgerAccountId walletId)
        implements StoreEvent {}
