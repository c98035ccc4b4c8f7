package io.hindsight.snack.api;

/** Where a snack order is in its flow; which moves are allowed is the order aggregate's rule. */
public enum SnackOrderStatus {
    CREATED,
    APPROVED,
    ORDERED,
    SHIPPING,
    COMPLETED,
    CANCELED;

    /** Statuses in which the order's snacks are still "requested" and may not be requested again. */
    public boolean holdsItsSnacks() {
        return this == CREATED || this == APPROVED || this == ORDERED;
    }

    public boolean needsEstimatedArrival() {
        return this == ORDERED || this == SHIPPING;
    }
}
