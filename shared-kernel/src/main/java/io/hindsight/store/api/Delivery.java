package io.hindsight.store.api;

/** Where an order goes, and what the customer asks of the store (optional). */
public record Delivery(String address, String request) {}
