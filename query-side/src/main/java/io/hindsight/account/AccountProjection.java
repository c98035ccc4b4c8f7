package io.hindsight.account;

import io.hindsight.account.api.AccountEvent;
import io.hindsight.projection.FoldProjector;
import io.hindsight.projection.ReadModelTables;
import io.hindsight.projection.TableProjection;
import io.hindsight.projection.ViewDefinition;
import io.hindsight.query.QueryRole;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

@QueryRole
@Component
@ProcessingGroup(AccountProjection.NAME)
public class AccountProjection extends TableProjection {

    public static final String NAME = "accounts";

    private final FoldProjector projector;
    private final ViewDefinition<AccountView> accounts;

    public AccountProjection(FoldProjector projector, ReadModelTables tables, ViewDefinition<AccountView> accounts) {
        super(NAME, tables, accounts.table());
        this.projector = projector;
        this.accounts = accounts;
    }

    @EventHandler
    void on(AccountEvent event, DomainEventMessage<?> message) {
        projector.project(accounts, message);
    }
}
