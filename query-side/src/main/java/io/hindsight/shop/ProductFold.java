package io.hindsight.shop;

import io.hindsight.projection.Fold;
import io.hindsight.projection.RecordedEvent;
import io.hindsight.shop.api.ProductCreated;
import io.hindsight.shop.api.ProductDeactivated;
import io.hindsight.shop.api.ProductDetailsChanged;
import io.hindsight.shop.api.ProductPriceChanged;
import io.hindsight.shop.api.ProductReactivated;

/** The product view as a fold of the product's events. */
public final class ProductFold implements Fold<ProductView> {

    @Override
    public ProductView apply(ProductView view, RecordedEvent event) {
        Object payload = event.payload();
        if (payload instanceof ProductCreated created) {
            return new ProductView(
                    created.productId().value(),
                    created.name(),
                    created.description(),
                    created.price(),
                    created.currency(),
                    created.imageUrl(),
                    true,
                    event.timestamp(),
                    event.timestamp());
        }
        if (payload instanceof ProductDetailsChanged changed) {
            return new ProductView(
                    view.productId(),
                    changed.name() == null ? view.name() : changed.name(),
                    changed.description() == null ? view.description() : emptyToNull(changed.description()),
                    view.price(),
                    view.currency(),
                    changed.imageUrl() == null ? view.imageUrl() : emptyToNull(changed.imageUrl()),
                    view.active(),
                    view.createdAt(),
                    event.timestamp());
        }
        if (payload instanceof ProductPriceChanged priceChanged) {
            return new ProductView(
                    view.productId(),
                    view.name(),
                    view.description(),
                    priceChanged.price(),
                    view.currency(),
                    view.imageUrl(),
                    view.active(),
                    view.createdAt(),
                    event.timestamp());
        }
        if (payload instanceof ProductDeactivated) {
            return withActive(view, false, event);
        }
        if (payload instanceof ProductReactivated) {
            return withActive(view, true, event);
        }
        return view;
    }

    private static ProductView withActive(ProductView view, boolean active, RecordedEvent event) {
        return new ProductView(
                view.productId(),
                view.name(),
                view.description(),
                view.price(),
                view.currency(),
                view.imageUrl(),
                active,
                view.createdAt(),
                event.timestamp());
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
