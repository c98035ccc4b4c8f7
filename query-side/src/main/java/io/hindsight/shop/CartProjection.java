package io.hindsight.shop;

import io.hindsight.projection.FoldProjector;
import io.hindsight.projection.Projection;
import io.hindsight.projection.ReadModelTables;
import io.hindsight.projection.ViewDefinition;
import io.hindsight.query.QueryRole;
import io.hindsight.shop.api.CartEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

@QueryRole
@Component
@ProcessingGroup(CartProjection.NAME)
public class CartProjection implements Projection {

    public static final String NAME = "shop-carts";

    private final FoldProjector projector;
    private final ReadModelTables tables;
    private final ViewDefinition<CartView> carts;

    public CartProjection(FoldProjector projector, ReadModelTables tables, ViewDefinition<CartView> carts) {
        this.projector = projector;
        this.tables = tables;
        this.carts = carts;
    }

    @EventHandler
    void on(CartEvent event, DomainEventMessage<?> message) {
        projector.project(carts, message);
    }

    @ResetHandler
    void reset() {
        tables.deleteAll(carts.table());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> tables() {
        return List.of(carts.table());
    }

    @Override
    public Map<String, String> snapshot() {
        return tables.snapshot(carts.table());
    }
}
