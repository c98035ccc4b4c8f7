package io.hindsight.store.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The merchant closes the store: no new orders; closing a closed store changes nothing. */
public record CloseStore(@TargetAggregateIdentifier StoreId storeId, AccountId merchantId) implements StoreCommand {}
