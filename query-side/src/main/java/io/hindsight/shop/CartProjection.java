package io.hindsight.shop;

import io.hindsight.projection.FoldProjector;
import io.hindsight.projection.ReadModelTables;
import io.hindsight.projection.TableProjection;
import io.hindsight.projection.ViewDefinition;
import io.hindsight.query.QueryRole;
import io.hindsight.shop.api.CartEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

@QueryRole
@Component
@ProcessingGroup(CartProjection.NAME)
public class CartProjection extends TableProjection {

    public static final String NAME = "shop-carts";

    private final FoldProjector projector;
    private final ViewDefinition<CartView> carts;

    public CartProjection(FoldProjector projector, ReadModelTables tables, ViewDefinition<CartView> carts) {
        super(NAME, tables, carts.table());
        this.projector = projector;
        this.carts = carts;
    }

    @EventHandler
    void on(CartEvent event, DomainEventMessage<?> message) {
        projector.project(carts, message);
    }
}
