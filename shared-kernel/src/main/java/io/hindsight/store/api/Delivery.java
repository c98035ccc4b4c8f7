package io.hindsight.store.api;

import io.hindsight.common.PersonalData;

/** Where an order goes, and what the customer asks of the store (optional). */
public record Delivery(
        @PersonalData(subject = "customerId") String address,
        @PersonalData(subject = "customerId") String request) {}
