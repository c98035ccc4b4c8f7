package io.hindsight.store.api;

import io.hindsight.account.api.AccountId;
import io.hindsight.common.BusinessException;
import io.hindsight.common.ToExistingAggregate;

/** A merchant's command to their store; an unknown store, or one of another merchant, is STORE_NOT_FOUND. */
public sealed interface StoreCommand extends ToExistingAggregate
        permits OpenStore, CloseStore, AddMenuItem, ChangeMenuItem {

    StoreId storeId();

    AccountId merchantId();

    @Override
    default BusinessException notFound() {
        return new BusinessException(StoreError.STORE_NOT_FOUND, "There is no store %s", storeId());
    }
}
