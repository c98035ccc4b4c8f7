package io.hindsight.snack.api;

/** A requested snack and how many of it. */
public record SnackOrderItem(SnackId snackId, int quantity) {}
