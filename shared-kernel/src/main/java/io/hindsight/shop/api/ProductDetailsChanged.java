package io.hindsight.shop.api;

import org.axonframework.serialization.Revision;

/** Name, description or image URL changed; a null field did not change, an empty one was cleared. */
@Revision("1")
public record ProductDetailsChanged(ProductId productId, String name, String description, String imageUrl)
        implements ProductEvent {}
