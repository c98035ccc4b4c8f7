package io.hindsight.shop;

import io.hindsight.projection.FoldProjector;
import io.hindsight.projection.Projection;
import io.hindsight.projection.ReadModelTables;
import io.hindsight.projection.ViewDefinition;
import io.hindsight.query.QueryRole;
import io.hindsight.shop.api.ReceiptEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

@QueryRole
@Component
@ProcessingGroup(ReceiptProjection.NAME)
public class ReceiptProjection implements Projection {

    public static final String NAME = "shop-receipts";

    private final FoldProjector projector;
    private final ReadModelTables tables;
    private final ViewDefinition<ReceiptView> receipts;

    public ReceiptProjection(FoldProjector projector, ReadModelTables tables, ViewDefinition<ReceiptView> receipts) {
        this.projector = projector;
        this.tables = tables;
        this.receipts = receipts;
    }

    @EventHandler
    void on(ReceiptEvent event, DomainEventMessage<?> message) {
        projector.project(receipts, message);
    }

    @ResetHandler
    void reset() {
        tables.deleteAll(receipts.table());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> tables() {
        return List.of(receipts.table());
    }

    @Override
    public Map<String, String> snapshot() {
        return tables.snapshot(receipts.table());
    }
}
