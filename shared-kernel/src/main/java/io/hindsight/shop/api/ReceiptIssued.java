package io.hindsight.shop.api;

import io.hindsight.account.api.AccountId;
import java.util.List;
import org.axonframework.serialization.Revision;

/** A receipt for a checked-out cart, with the names and prices in force at checkout. */
@Revision("1")
public record ReceiptIssued(
        ReceiptId receiptId,
        AccountId accountId,
        CartId cartId,
        String orderNumber,
        List<ReceiptLine> lines,
        long total,
        String currency)
        implements ReceiptEvent {

    public ReceiptIssued {
        lines = List.copyOf(lines);
    }

    public int itemCount() {
        return lines.stream().mapToInt(ReceiptLine::quantity).sum();
    }
}
