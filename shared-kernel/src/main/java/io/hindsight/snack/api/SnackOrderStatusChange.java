package io.hindsight.snack.api;

/** An order event that moves the order to another status. */
public interface SnackOrderStatusChange {

    SnackOrderStatus newStatus();
}
