package io.hindsight.shop.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An ADMIN changes some of a product's fields; a null field is left as it is, and a blank description or
 * image URL clears it.
 */
public record ChangeProduct(
        @TargetAggregateIdentifier ProductId productId,
        String name,
        String description,
        Long price,
        String imageUrl,
        Boolean active)
        implements ProductCommand {

    public boolean changesNothing() {
        return name == null && description == null && price == null && imageUrl == null && active == null;
    }
}
