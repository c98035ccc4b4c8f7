package io.hindsight.shop.api;

import io.hindsight.account.api.AccountId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Closes the cart for good and issues its receipt with the given id and order number. */
public record CheckOutCart(
        @TargetAggregateIdentifier CartId cartId, AccountId accountId, ReceiptId receiptId, String orderNumber)
        implements CartCommand {}
