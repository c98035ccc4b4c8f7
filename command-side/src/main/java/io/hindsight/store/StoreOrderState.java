package io.hindsight.store;

import io.hindsight.store.api.StoreOrderKind;
import io.hindsight.store.api.StoreOrderStatus;

/** The order as the command side knows it right after a command, returned to the caller. */
public record StoreOrderState(
        String orderId, StoreOrderKind kind, StoreOrderStatus status, long amountDue, long pointsUsed, String giftId) {}
