package io.hindsight.shop.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.serialization.Revision;

/** The cart was checked out and can never change again; receipt {@code receiptId} was issued for it. */
@Revision("1")
public record CartCheckedOut(
        CartId cartId, AccountId accountId, ReceiptId receiptId, String orderNumber, long total, String currency)
        implements CartEvent {}
