package io.hindsight.shop;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.hindsight.command.CommandRole;
import io.hindsight.shop.api.ReceiptId;
import io.hindsight.shop.api.ReceiptIssued;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A receipt: issued by a cart's checkout and immutable from then on. It is its own aggregate so that it
 * has its own history and can be read, audited and folded by its id.
 */
@CommandRole
@Aggregate(filterEventsByType = true)
@Revision("1")
public class Receipt {

    @AggregateIdentifier
    private ReceiptId receiptId;

    protected Receipt() {}

    Receipt(ReceiptIssued issued) {
        apply(issued);
    }

    @EventSourcingHandler
    void on(ReceiptIssued event) {
        receiptId = event.receiptId();
    }
}
