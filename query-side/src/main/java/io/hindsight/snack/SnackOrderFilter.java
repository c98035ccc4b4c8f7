package io.hindsight.snack;

import io.hindsight.projection.Where;
import io.hindsight.snack.api.SnackOrderStatus;
import java.sql.Date;
import java.util.Map;

/** Which orders a list or a figure covers: a creation period, a status, a requester (all optional). */
public record SnackOrderFilter(OrderPeriod period, SnackOrderStatus status, String requesterId) {

    /**
     * The condition over the snack order read model. Figures leave CANCELED orders out unless that status is
     * asked for: they were never bought.
     */
    Where where(boolean excludeCanceledByDefault) {
        Where where = Where.all();
        if (period.first() != null) {
            where = where.and(Where.sql("created_on >= :first", Map.of("first", Date.valueOf(period.first()))));
        }
        if (period.last() != null) {
            where = where.and(Where.sql("created_on <= :last", Map.of("last", Date.valueOf(period.last()))));
        }
        if (status != null) {
            where = where.and("status", status.name());
        } else if (excludeCanceledByDefault) {
            where = where.and(Where.sql("status <> 'CANCELED'", Map.of()));
        }
        if (requesterId != null) {
            where = where.and("requester_id", requesterId);
        }
        return where;
    }
}
