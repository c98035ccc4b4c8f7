package io.hindsight.store.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The merchant changes a menu item; null fields stay as they are. Orders keep the price they were placed at. */
public record ChangeMenuItem(
        @TargetAggregateIdentifier StoreId storeId,
        AccountId merchantId,
        MenuId menuId,
        String name,
        Long price,
        String description,
        Boolean available)
        implements StoreCommand {}
