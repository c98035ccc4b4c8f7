package io.hindsight.shop;

import io.hindsight.projection.FoldProjector;
import io.hindsight.projection.ReadModelTables;
import io.hindsight.projection.TableProjection;
import io.hindsight.projection.ViewDefinition;
import io.hindsight.query.QueryRole;
import io.hindsight.shop.api.ReceiptEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

@QueryRole
@Component
@ProcessingGroup(ReceiptProjection.NAME)
public class ReceiptProjection extends TableProjection {

    public static final String NAME = "shop-receipts";

    private final FoldProjector projector;
    private final ViewDefinition<ReceiptView> receipts;

    public ReceiptProjection(FoldProjector projector, ReadModelTables tables, ViewDefinition<ReceiptView> receipts) {
        super(NAME, tables, receipts.table());
        this.projector = projector;
        this.receipts = receipts;
    }

    @EventHandler
    void on(ReceiptEvent event, DomainEventMessage<?> message) {
        projector.project(receipts, message);
    }
}
