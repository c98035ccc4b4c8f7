package io.hindsight.snack.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The member who registered a snack, or an ADMIN, corrects its price, link, description or image; a null
 * field stays as it is, a blank description or image clears it.
 */
public record CorrectSnack(
        @TargetAggregateIdentifier SnackId snackId,
        AccountId correctedBy,
        boolean byAdmin,
        Long price,
        String url,
        String description,
        String imageUrl)
        implements SnackCommand {}
