package io.hindsight.snack;

import io.hindsight.snack.api.SnackOrderStatus;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Which orders a list or a figure covers: a creation period, a status, a requester (all optional). */
public record SnackOrderFilter(OrderPeriod period, SnackOrderStatus status, String requesterId) {

    /**
     * The SQL condition over {@code snack_order_view}, its parameters added to {@code params}. Figures
     * leave CANCELED orders out unless that status is asked for: they were never bought.
     */
    String where(Map<String, Object> params, boolean excludeCanceledByDefault) {
        List<String> conditions = new ArrayList<>();
        if (period.first() != null) {
            conditions.add("created_on >= :first");
            params.put("first", Date.valueOf(period.first()));
        }
        if (period.last() != null) {
            conditions.add("created_on <= :last");
            params.put("last", Date.valueOf(period.last()));
        }
        if (status != null) {
            conditions.add("status = :status");
            params.put("status", status.name());
        } else if (excludeCanceledByDefault) {
            conditions.add("status <> 'CANCELED'");
        }
        if (requesterId != null) {
            conditions.add("requester_id = :requester");
            params.put("requester", requesterId);
        }
        return conditions.isEmpty() ? "" : "WHERE " + String.join(" AND ", conditions);
    }
}
