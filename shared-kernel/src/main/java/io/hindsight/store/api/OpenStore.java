package io.hindsight.store.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The merchant opens the store for orders; opening an open store changes nothing. */
public record OpenStore(@TargetAggregateIdentifier StoreId storeId, AccountId merchantId) implements StoreCommand {}
