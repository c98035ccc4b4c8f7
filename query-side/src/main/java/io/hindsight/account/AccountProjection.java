package io.hindsight.account;

import io.hindsight.account.api.AccountEvent;
import io.hindsight.projection.FoldProjector;
import io.hindsight.projection.ViewDefinition;
import io.hindsight.projection.ViewStore;
import io.hindsight.query.QueryRole;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

@QueryRole
@Component
@ProcessingGroup(AccountProjection.NAME)
public class AccountProjection {

    public static final String NAME = "accounts";

    private final FoldProjector projector;
    private final ViewStore store;
    private final ViewDefinition<AccountView> accounts;

    public AccountProjection(FoldProjector projector, ViewStore store, ViewDefinition<AccountView> accounts) {
        this.projector = projector;
        this.store = store;
        this.accounts = accounts;
    }

    @EventHandler
    void on(AccountEvent event, DomainEventMessage<?> message) {
        projector.project(accounts, message);
    }

    @ResetHandler
    void reset() {
        store.deleteAll(accounts);
    }
}
