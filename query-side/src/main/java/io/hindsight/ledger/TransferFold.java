package io.hindsight.ledger;

import io.hindsight.ledger.api.FundsHeld;
import io.hindsight.ledger.api.FundsTransferred;
import io.hindsight.ledger.api.HoldPosted;
import io.hindsight.ledger.api.HoldVoided;
import io.hindsight.ledger.api.TransferStatus;
import io.hindsight.projection.Fold;
import io.hindsight.projection.RecordedEvent;

/** The transfer view as a fold of the transfer's events. */
public final class TransferFold implements Fold<TransferView> {

    @Override
    public TransferView apply(TransferView view, RecordedEvent event) {
        Object payload = event.payload();
        if (payload instanceof FundsTransferred moved) {
            return new TransferView(
                    moved.transferId().value(),
                    moved.kind(),
                    moved.from().value(),
                    moved.to().value(),
                    moved.amount(),
                    moved.currency(),
                    false,
                    TransferStatus.POSTED,
                    moved.references(),
                    event.timestamp(),
                    event.timestamp(),
                    null);
        }
        if (payload instanceof FundsHeld held) {
            return new TransferView(
                    held.transferId().value(),
                    held.kind(),
                    held.from().value(),
                    held.to().value(),
                    held.amount(),
                    held.currency(),
                    true,
                    TransferStatus.PENDING,
                    held.references(),
                    event.timestamp(),
                    null,
                    null);
        }
        if (payload instanceof HoldPosted) {
            return view.settled(TransferStatus.POSTED, event.timestamp());
        }
        if (payload instanceof HoldVoided) {
            return view.settled(TransferStatus.VOIDED, event.timestamp());
        }
        return view;
    }
}
