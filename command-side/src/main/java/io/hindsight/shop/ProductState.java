package io.hindsight.shop;

import io.hindsight.shop.api.ProductId;

/** The product as the command side knows it right after a command, returned to the caller. */
public record ProductState(
        ProductId productId,
        String name,
        String description,
        long price,
        String currency,
        String imageUrl,
        boolean active) {}
