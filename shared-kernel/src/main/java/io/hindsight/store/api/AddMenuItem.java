package io.hindsight.store.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The merchant adds an item to the menu, available at once. */
public record AddMenuItem(
        @TargetAggregateIdentifier StoreId storeId,
        AccountId merchantId,
        MenuId menuId,
        String name,
        long price,
        String description)
        implements StoreCommand {}
