package io.hindsight.shop.api;

import org.axonframework.serialization.Revision;

/** A product was put on sale at {@code price} (in {@code currency}). */
@Revision("1")
public record ProductCreated(
        ProductId productId, String name, String description, long price, String currency, String imageUrl)
        implements ProductEvent {}
