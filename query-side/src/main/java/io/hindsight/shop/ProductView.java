package io.hindsight.shop;

import java.time.Instant;

/** A product as the catalogue shows it. */
public record ProductView(
        String productId,
        String name,
        String description,
        long price,
        String currency,
        String imageUrl,
        boolean active,
        Instant createdAt,
        Instant updatedAt) {}
