package io.hindsight.shop;

import io.hindsight.projection.FoldProjector;
import io.hindsight.projection.Projection;
import io.hindsight.projection.ReadModelTables;
import io.hindsight.projection.ViewDefinition;
import io.hindsight.query.QueryRole;
import io.hindsight.shop.api.ProductEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

@QueryRole
@Component
@ProcessingGroup(ProductProjection.NAME)
public class ProductProjection implements Projection {

    public static final String NAME = "shop-products";

    private final FoldProjector projector;
    private final ReadModelTables tables;
    private final ViewDefinition<ProductView> products;

    public ProductProjection(FoldProjector projector, ReadModelTables tables, ViewDefinition<ProductView> products) {
        this.projector = projector;
        this.tables = tables;
        this.products = products;
    }

    @EventHandler
    void on(ProductEvent event, DomainEventMessage<?> message) {
        projector.project(products, message);
    }

    @ResetHandler
    void reset() {
        tables.deleteAll(products.table());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> tables() {
        return List.of(products.table());
    }

    @Override
    public Map<String, String> snapshot() {
        return tables.snapshot(products.table());
    }
}
