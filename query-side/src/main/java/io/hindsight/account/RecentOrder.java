package io.hindsight.account;

import java.time.Instant;

/** The most recent order of an account, shown in the ADMIN user list and detail. */
public record RecentOrder(String receiptId, String orderNumber, Instant orderedAt) {}
