package io.hindsight.snack;

import java.time.Instant;

/**
 * A registered snack as members see it, with its latest corrections; prices are in the currency's minor unit.
 * A retired snack ({@code retiredAt} set) can no longer be requested.
 */
public record SnackView(
        String snackId,
        String name,
        String url,
        String description,
        String imageUrl,
        long price,
        String currency,
        String registeredBy,
        Instant registeredAt,
        Instant retiredAt) {

    public boolean retired() {
        return retiredAt != null;
    }

    SnackView corrected(long newPrice, String newUrl, String newDescription, String newImageUrl) {
        return new SnackView(
                snackId,
                name,
                newUrl,
                newDescription,
                newImageUrl,
                newPrice,
                currency,
                registeredBy,
                registeredAt,
                retiredAt);
    }

    SnackView retiredAt(Instant at) {
        return new SnackView(
                snackId, name, url, description, imageUrl, price, currency, registeredBy, registeredAt, at);
    }
}
