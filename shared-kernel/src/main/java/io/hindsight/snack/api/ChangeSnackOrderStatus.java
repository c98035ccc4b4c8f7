package io.hindsight.snack.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** An ADMIN moves an order one step along its flow; ORDERED and SHIPPING need an estimated arrival date. */
public record ChangeSnackOrderStatus(@TargetAggregateIdentifier SnackOrderId orderId,
                                     SnackOrderStatus status,
                                     LocalDate estimatedArrival) {
}
