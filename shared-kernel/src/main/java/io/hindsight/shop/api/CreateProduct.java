package io.hindsight.shop.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An ADMIN puts a new product on sale; description and image URL may be null. */
public record CreateProduct(
        @TargetAggregateIdentifier ProductId productId, String name, String description, long price, String imageUrl) {}
