package io.hindsight.account;

import io.hindsight.account.api.AccountEvent;
import io.hindsight.projection.FoldProjector;
import io.hindsight.projection.Projection;
import io.hindsight.projection.ReadModelTables;
import io.hindsight.projection.ViewDefinition;
import io.hindsight.query.QueryRole;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

@QueryRole
@Component
@ProcessingGroup(AccountProjection.NAME)
public class AccountProjection implements Projection {

    public static final String NAME = "accounts";

    private final FoldProjector projector;
    private final ReadModelTables tables;
    private final ViewDefinition<AccountView> accounts;

    public AccountProjection(FoldProjector projector, ReadModelTables tables, ViewDefinition<AccountView> accounts) {
        this.projector = projector;
        this.tables = tables;
        this.accounts = accounts;
    }

    @EventHandler
    void on(AccountEvent event, DomainEventMessage<?> message) {
        projector.project(accounts, message);
    }

    @ResetHandler
    void reset() {
        tables.deleteAll(accounts.table());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> tables() {
        return List.of(accounts.table());
    }

    @Override
    public Map<String, String> snapshot() {
        return tables.snapshot(accounts.table());
    }
}
