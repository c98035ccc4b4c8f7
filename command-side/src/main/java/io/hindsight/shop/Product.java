package io.hindsight.shop;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.hindsight.command.CommandRole;
import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import io.hindsight.common.LookAlikes;
import io.hindsight.common.WebAddress;
import io.hindsight.shop.api.ChangeProduct;
import io.hindsight.shop.api.CreateProduct;
import io.hindsight.shop.api.ProductCreated;
import io.hindsight.shop.api.ProductDeactivated;
import io.hindsight.shop.api.ProductDetailsChanged;
import io.hindsight.shop.api.ProductId;
import io.hindsight.shop.api.ProductPriceChanged;
import io.hindsight.shop.api.ProductReactivated;
import io.hindsight.shop.api.ShopError;
import io.hindsight.shop.api.ShopRules;
import io.hindsight.shop.guard.ProductCatalog;
import io.hindsight.shop.guard.ProductCatalog.CatalogEntry;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/** A product of the catalogue, managed by ADMINs. Every change is mirrored into the command-side catalog. */
@CommandRole
@Aggregate(filterEventsByType = true)
@Revision("1")
public class Product {

    @AggregateIdentifier
    private ProductId productId;

    private String name;
    private String description;
    private long price;
    private String imageUrl;
    private boolean active;

    protected Product() {}

    @CommandHandler
    public Product(CreateProduct command, ProductCatalog catalog) {
        requireName(command.name());
        requirePrice(command.price());
        requireImageAddress(command.imageUrl());
        String trimmedName = LookAlikes.trimmed(command.name());
        catalog.put(new CatalogEntry(command.productId(), trimmedName, command.price(), command.active()));
        apply(new ProductCreated(
                command.productId(),
                trimmedName,
                LookAlikes.shownOrNull(command.description()),
                command.price(),
                ShopRules.CURRENCY,
                emptyToNull(command.imageUrl())));
        if (!command.active()) {
            apply(new ProductDeactivated(command.productId()));
        }
    }

    @CommandHandler
    public ProductState handle(ChangeProduct command, ProductCatalog catalog) {
        if (command.changesNothing()) {
            throw new BusinessException(
                    ShopError.NOTHING_TO_CHANGE, "Send at least one of name, description, price, imageUrl, active");
        }
        if (command.name() != null) {
            requireName(command.name());
        }
        if (command.price() != null) {
            requirePrice(command.price());
        }
        requireImageAddress(command.imageUrl());
        String newName = command.name() == null ? null : LookAlikes.trimmed(command.name());
        String nameChange = newName != null && !newName.equals(name) ? newName : null;
        String descriptionChange = changed(command.description(), description);
        String imageUrlChange = changed(command.imageUrl(), imageUrl);
        // the catalog row first: a checkout reading it meanwhile holds it shared, so the change waits for that
        // checkout and its events are stamped after it, as the as-of views then tell it
        catalog.put(new CatalogEntry(
                productId,
                nameChange != null ? nameChange : name,
                command.price() != null ? command.price() : price,
                command.active() != null ? command.active() : active));
        if (nameChange != null || descriptionChange != null || imageUrlChange != null) {
            apply(new ProductDetailsChanged(productId, nameChange, descriptionChange, imageUrlChange));
        }
        if (command.price() != null && command.price() != price) {
            apply(new ProductPriceChanged(productId, command.price(), price));
        }
        if (Boolean.FALSE.equals(command.active()) && active) {
            apply(new ProductDeactivated(productId));
        } else if (Boolean.TRUE.equals(command.active()) && !active) {
            apply(new ProductReactivated(productId));
        }
        return state();
    }

    @EventSourcingHandler
    void on(ProductCreated event) {
        productId = event.productId();
        name = event.name();
        description = event.description();
        price = event.price();
        imageUrl = event.imageUrl();
        active = true;
    }

    @EventSourcingHandler
    void on(ProductDetailsChanged event) {
        if (event.name() != null) {
            name = event.name();
        }
        if (event.description() != null) {
            description = emptyToNull(event.description());
        }
        if (event.imageUrl() != null) {
            imageUrl = emptyToNull(event.imageUrl());
        }
    }

    @EventSourcingHandler
    void on(ProductPriceChanged event) {
        price = event.price();
    }

    @EventSourcingHandler
    void on(ProductDeactivated event) {
        active = false;
    }

    @EventSourcingHandler
    void on(ProductReactivated event) {
        active = true;
    }

    private ProductState state() {
        return new ProductState(productId, name, description, price, ShopRules.CURRENCY, imageUrl, active);
    }

    /** The requested value when it differs from the current one (blank meaning "clear": ""), else null. */
    private static String changed(String requested, String current) {
        if (requested == null) {
            return null;
        }
        String wanted = LookAlikes.shownOrNull(requested);
        if (Objects.equals(wanted, current)) {
            return null;
        }
        return wanted == null ? "" : wanted;
    }

    private static void requireName(String name) {
        if (name == null || LookAlikes.showsNothing(name)) {
            throw new BusinessException(CommonError.VALIDATION_FAILED, "A product needs a name");
        }
        if (LookAlikes.trimmed(name).length() > ShopRules.MAX_NAME_LENGTH) {
            throw new BusinessException(
                    CommonError.VALIDATION_FAILED,
                    "A product name has at most %d characters",
                    ShopRules.MAX_NAME_LENGTH);
        }
    }

    private static void requirePrice(long price) {
        if (price < 0 || price > ShopRules.MAX_PRICE) {
            throw new BusinessException(
                    CommonError.VALIDATION_FAILED,
                    "A price must be between 0 and %d %s, not %d",
                    ShopRules.MAX_PRICE,
                    ShopRules.CURRENCY,
                    price);
        }
    }

    /** An image to show is an absolute http(s) address with a host; empty means none. */
    private static void requireImageAddress(String imageUrl) {
        if (imageUrl != null && !imageUrl.isBlank()) {
            WebAddress.require("imageUrl", imageUrl);
        }
    }

    private static String emptyToNull(String value) {
        return value == null || value.isBlank() ? null : LookAlikes.trimmed(value);
    }
}
