package io.hindsight.snack.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A member registers a snack; the name (trimmed, any letter case) must not be registered yet. */
public record RegisterSnack(
        @TargetAggregateIdentifier SnackId snackId,
        String name,
        String url,
        String description,
        String imageUrl,
        long price,
        String currency,
        AccountId registeredBy) {}
