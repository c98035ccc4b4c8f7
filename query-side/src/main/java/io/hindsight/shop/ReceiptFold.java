package io.hindsight.shop;

import io.hindsight.projection.Fold;
import io.hindsight.projection.RecordedEvent;
import io.hindsight.shop.api.ReceiptIssued;

/** The receipt view as a fold of the receipt's single event; nothing changes a receipt afterwards. */
public final class ReceiptFold implements Fold<ReceiptView> {

    @Override
    public ReceiptView apply(ReceiptView view, RecordedEvent event) {
        if (event.payload() instanceof ReceiptIssued issued) {
            return new ReceiptView(
                    issued.receiptId().value(),
                    issued.accountId().value(),
                    issued.cartId().value(),
                    issued.orderNumber(),
                    event.timestamp(),
                    issued.lines(),
                    issued.total(),
                    issued.currency(),
                    issued.itemCount());
        }
        return view;
    }
}
