package io.hindsight.store.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A merchant signs up with a store: one command opens the merchant's account (role MERCHANT), the store (closed)
 * and the store's wallet, all or nothing. The password arrives already hashed and never reaches an event.
 */
public record RegisterMerchant(
        @TargetAggregateIdentifier StoreId storeId,
        AccountId merchantId,
        String email,
        String passwordHash,
        String name,
        String storeName,
        String address) {

    @Override
    public String toString() {
        return "RegisterMerchant[storeId=" + storeId + ", merchantId=" + merchantId + "]";
    }
}
