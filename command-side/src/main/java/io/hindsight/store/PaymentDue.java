package io.hindsight.store;

import io.hindsight.store.api.StoreOrderId;

/** The deadline payload that ends an order still waiting for its payment. */
public record PaymentDue(StoreOrderId orderId) {}
