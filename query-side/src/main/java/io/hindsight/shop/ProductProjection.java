package io.hindsight.shop;

import io.hindsight.projection.FoldProjector;
import io.hindsight.projection.ReadModelTables;
import io.hindsight.projection.TableProjection;
import io.hindsight.projection.ViewDefinition;
import io.hindsight.query.QueryRole;
import io.hindsight.shop.api.ProductEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

@QueryRole
@Component
@ProcessingGroup(ProductProjection.NAME)
public class ProductProjection extends TableProjection {

    public static final String NAME = "shop-products";

    private final FoldProjector projector;
    private final ViewDefinition<ProductView> products;

    public ProductProjection(FoldProjector projector, ReadModelTables tables, ViewDefinition<ProductView> products) {
        super(NAME, tables, products.table());
        this.projector = projector;
        this.products = products;
    }

    @EventHandler
    void on(ProductEvent event, DomainEventMessage<?> message) {
        projector.project(products, message);
    }
}
