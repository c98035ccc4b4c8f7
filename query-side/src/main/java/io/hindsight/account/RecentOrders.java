package io.hindsight.account;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/** Finds each account's most recent order; the shop context provides it. */
public interface RecentOrders {

    Map<String, RecentOrder> of(Collection<String> accountIds);

    /** The account's most recent order placed at or before {@code asOf}: an as-of answer names no later one. */
    Map<String, RecentOrder> of(Collection<String> accountIds, Instant asOf);
}
