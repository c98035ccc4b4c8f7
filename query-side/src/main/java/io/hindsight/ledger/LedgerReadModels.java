package io.hindsight.ledger;

import io.hindsight.ledger.api.LedgerAccountEvent;
import io.hindsight.ledger.api.TransferEvent;
import io.hindsight.projection.ReadModel;
import io.hindsight.projection.ReadModels;
import java.sql.Timestamp;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class LedgerReadModels {

    public static final String ACCOUNTS = "ledger-accounts";
    public static final String TRANSFERS = "ledger-transfers";

    @Bean
    public ReadModel<LedgerAccountView> ledgerAccounts(ReadModels readModels) {
        return readModels
                .define(ACCOUNTS, LedgerAccountEvent.class, LedgerAccountView.class, new LedgerAccountFold())
                .storedIn(
                        "ledger_account_view",
                        view -> Map.of("kind", view.kind().name(), "owner_id", view.ownerId()))
                .build();
    }

    /** The transfers, followed by one entry per account a transfer touched: the accounts' statements. */
    @Bean
    public ReadModel<TransferView> ledgerTransfers(ReadModels readModels, LedgerEntries entries) {
        return readModels
                .define(TRANSFERS, TransferEvent.class, TransferView.class, new TransferFold())
                .storedIn(
                        "ledger_transfer_view",
                        view -> Map.of(
                                "kind", view.kind().name(),
                                "status", view.status().name(),
                                "from_account", view.from(),
                                "to_account", view.to(),
                                "created_at", Timestamp.from(view.createdAt())))
                .audited(view -> Map.of(
                        "status", view.status(),
                        "amount", view.amount(),
                        "from", view.from(),
                        "to", view.to(),
                        "kind", view.kind()))
                .followedBy(entries)
                .build();
    }
}
