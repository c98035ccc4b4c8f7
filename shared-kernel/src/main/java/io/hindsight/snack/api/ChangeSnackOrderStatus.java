package io.hindsight.snack.api;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An ADMIN moves an order one step along its flow; ORDERED and SHIPPING need an estimated arrival date. */
public record ChangeSnackOrderStatus(
        @TargetAggregateIdentifier SnackOrderId orderId, SnackOrderStatus status, LocalDate estimatedArrival)
        implements SnackOrderCommand {}
