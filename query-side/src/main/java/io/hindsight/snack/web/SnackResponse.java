package io.hindsight.snack.web;

import io.hindsight.snack.ReactionTally;
import io.hindsight.snack.SnackListing;
import io.hindsight.snack.SnackView;
import io.hindsight.snack.api.ReactionType;
import java.time.Instant;

/**
 * A snack in lists and detail: {@code ratio} is likes/hates, null while nobody hates the snack;
 * {@code requestable} says whether an order may ask for it now (null as of an instant).
 */
record SnackResponse(
        String snackId,
        String name,
        long price,
        String currency,
        long likes,
        long hates,
        Double ratio,
        ReactionType myReaction,
        String url,
        String description,
        String imageUrl,
        String registeredBy,
        Instant registeredAt,
        boolean retired,
        Instant retiredAt,
        Boolean requestable,
        Instant asOf) {

    static SnackResponse of(SnackListing listing, Instant asOf) {
        SnackView snack = listing.snack();
        ReactionTally tally = listing.tally();
        return new SnackResponse(
                snack.snackId(),
                snack.name(),
                snack.price(),
                snack.currency(),
                tally.likes(),
                tally.hates(),
                tally.ratio(),
                listing.myReaction(),
                snack.url(),
                snack.description(),
                snack.imageUrl(),
                snack.registeredBy(),
                snack.registeredAt(),
                snack.retired(),
                snack.retiredAt(),
                listing.requestable(),
                asOf);
    }
}
