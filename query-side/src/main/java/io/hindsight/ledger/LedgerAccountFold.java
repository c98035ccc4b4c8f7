package io.hindsight.ledger;

import io.hindsight.ledger.api.LedgerAccountOpened;
import io.hindsight.projection.Fold;
import io.hindsight.projection.RecordedEvent;

/** The ledger account view as a fold of the account's events. */
public final class LedgerAccountFold implements Fold<LedgerAccountView> {

    @Override
    public LedgerAccountView apply(LedgerAccountView view, RecordedEvent event) {
        if (event.payload() instanceof LedgerAccountOpened opened) {
            return new LedgerAccountView(
                    opened.accountId().value(), opened.kind(), opened.currency(), opened.ownerId(), event.timestamp());
        }
        return view;
    }
}
