package io.hindsight.snack;

import java.time.Instant;

/** A registered snack as members see it; prices are in the currency's minor unit. */
public record SnackView(
        String snackId,
        String name,
        String url,
        String description,
        String imageUrl,
        long price,
        String currency,
        String registeredBy,
        Instant registeredAt) {}
