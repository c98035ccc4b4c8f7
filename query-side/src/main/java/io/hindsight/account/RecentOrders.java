package io.hindsight.account;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/** Finds each account's most recent order; the shop context provides it. */
public interface RecentOrders {

    default Map<String, RecentOrder> of(Collection<String> accountIds) {
        return of(accountIds, null);
    }

    /** Each account's most recent order placed at or before {@code asOf} (any, when null): an as-of answer names no later one. */
    Map<String, RecentOrder> of(Collection<String> accountIds, Instant asOf);
}
