package io.hindsight.snack.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.serialization.Revision;

/** A snack was registered; the price is in the currency's minor unit. */
@Revision("1")
public record SnackRegistered(
        SnackId snackId,
        String name,
        String url,
        String description,
        String imageUrl,
        long price,
        String currency,
        AccountId registeredBy)
        implements SnackEvent {}
