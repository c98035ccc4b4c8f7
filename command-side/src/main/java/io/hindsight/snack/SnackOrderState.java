package io.hindsight.snack;

import io.hindsight.account.api.AccountId;
import io.hindsight.snack.api.SnackOrderId;
import io.hindsight.snack.api.SnackOrderLine;
import io.hindsight.snack.api.SnackOrderStatus;
import java.time.LocalDate;
import java.util.List;

/** The order as the command side knows it right after a command, returned to the caller. */
public record SnackOrderState(
        SnackOrderId orderId,
        AccountId requesterId,
        SnackOrderStatus status,
        List<SnackOrderLine> items,
        LocalDate estimatedArrival) {}
