package io.hindsight.account;

import java.util.Collection;
import java.util.Map;

/** Finds each account's most recent order; the shop context provides it. */
public interface RecentOrders {

    Map<String, RecentOrder> of(Collection<String> accountIds);
}
