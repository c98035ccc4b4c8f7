package io.hindsight.shop.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An ADMIN puts a new product in the catalogue, on sale or not yet; description and image URL may be null. */
public record CreateProduct(
        @TargetAggregateIdentifier ProductId productId,
        String name,
        String description,
        long price,
        String imageUrl,
        boolean active) {

    public CreateProduct(ProductId productId, String name, String description, long price, String imageUrl) {
        this(productId, name, description, price, imageUrl, true);
    }
}
