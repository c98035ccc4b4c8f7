package io.hindsight.snack;

import io.hindsight.common.BusinessException;
import io.hindsight.projection.ReadModel;
import io.hindsight.projection.Where;
import io.hindsight.query.Page;
import io.hindsight.query.Paging;
import io.hindsight.snack.api.SnackError;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/** Reads of snack orders: one order now or as of an instant, lists by period, and figures per period. */
@Service
public class SnackOrderQueries {

    private static final String ITEMS =
            "{table} CROSS JOIN LATERAL jsonb_array_elements(view->'items') AS item {where}";

    private final ReadModel<SnackOrderView> orders;

    public SnackOrderQueries(ReadModel<SnackOrderView> orders) {
        this.orders = orders;
    }

    public SnackOrderView current(String orderId) {
        return orders.current(orderId).orElseThrow(() -> notFound(orderId));
    }

    /** The order as it was at {@code instant}; an order created later did not exist then. */
    public SnackOrderView asOf(String orderId, Instant instant) {
        return orders.asOf(orderId, instant).orElseThrow(() -> notFound(orderId));
    }

    /** Orders of any status matching the filter, newest first. */
    public Page<SnackOrderView> list(SnackOrderFilter filter, Paging paging) {
        return orders.page(filter.where(false), "created_at DESC, aggregate_id", paging);
    }

    /** The snacks requested by the filtered orders (not CANCELED ones unless asked), most requested first. */
    public Page<RequestedSnack> requestedSnacks(SnackOrderFilter filter, Paging paging) {
        Where where = filter.where(true);
        long total = orders.query(
                        "SELECT count(DISTINCT item->>'snackId') FROM " + ITEMS, where, (rs, n) -> rs.getLong(1))
                .get(0);
        List<RequestedSnack> items = orders.query(
                """
                        SELECT item->>'snackId' AS snack_id, min(item->>'name') AS name,
                               sum((item->>'quantity')::bigint) AS quantity, count(*) AS orders,
                               sum((item->>'lineTotal')::bigint) AS amount, min(item->>'currency') AS currency
                        FROM %s
                        GROUP BY item->>'snackId'
                        ORDER BY quantity DESC, name, snack_id
                        LIMIT %d OFFSET %d""".formatted(ITEMS, paging.limit(), paging.offset()),
                where,
                (rs, n) -> new RequestedSnack(
                        rs.getString("snack_id"),
                        rs.getString("name"),
                        rs.getLong("quantity"),
                        rs.getLong("orders"),
                        amountOf(rs),
                        rs.getString("currency")));
        return Page.of(items, total, paging);
    }

    /**
     * Orders, snack quantity and amount per period, counting every order but CANCELED ones by the UTC day
     * it was created. PostgreSQL sums per day; the days are then grouped into periods here, so that weeks
     * of a month have exactly one definition ({@link WeekOfMonth}). Periods without orders are left out.
     */
    public List<PeriodFigures> figures(Granularity granularity, OrderPeriod range, String currency) {
        Where where = new SnackOrderFilter(range, null, null).where(true);
        Map<String, Accumulated> periods = new LinkedHashMap<>();
        if (granularity == Granularity.RANGE) {
            periods.put(Granularity.rangeLabel(range), new Accumulated(new LocalDate[] {range.first(), range.last()}));
        }
        orders.query(
                "SELECT created_on, count(*) AS orders, sum(snack_quantity) AS quantity FROM {table} {where}"
                        + " GROUP BY created_on ORDER BY created_on",
                where,
                (rs, n) -> {
                    LocalDate day = rs.getDate("created_on").toLocalDate();
                    Accumulated period = periodOf(periods, granularity, day, range);
                    period.orders += rs.getLong("orders");
                    period.quantity += rs.getLong("quantity");
                    return day;
                });
        orders.query(
                "SELECT created_on, item->>'currency' AS currency, sum((item->>'lineTotal')::bigint) AS amount FROM "
                        + ITEMS + " GROUP BY created_on, item->>'currency'",
                where,
                (rs, n) -> {
                    LocalDate day = rs.getDate("created_on").toLocalDate();
                    periodOf(periods, granularity, day, range)
                            .amounts
                            .merge(rs.getString("currency"), amountOf(rs), BigInteger::add);
                    return day;
                });
        List<PeriodFigures> figures = new ArrayList<>();
        periods.forEach((label, period) -> figures.add(new PeriodFigures(
                label,
                period.days[0],
                period.days[1],
                period.orders,
                period.quantity,
                period.amounts.getOrDefault(currency, BigInteger.ZERO),
                currency,
                period.amounts)));
        return figures;
    }

    private static Accumulated periodOf(
            Map<String, Accumulated> periods, Granularity granularity, LocalDate day, OrderPeriod range) {
        return periods.computeIfAbsent(granularity.label(day, range), label -> {
            LocalDate[] days = granularity.days(day, range);
            return new Accumulated(new LocalDate[] {
                range.first() != null && range.first().isAfter(days[0]) ? range.first() : days[0],
                range.last() != null && range.last().isBefore(days[1]) ? range.last() : days[1]
            });
        });
    }

    /** PostgreSQL's sum of bigints is a numeric, exact past a long's range. */
    private static BigInteger amountOf(ResultSet rs) throws SQLException {
        return rs.getBigDecimal("amount").toBigIntegerExact();
    }

    private static BusinessException notFound(String orderId) {
        return new BusinessException(SnackError.SNACK_ORDER_NOT_FOUND, "No snack order %s", orderId);
    }

    private static final class Accumulated {
        private final LocalDate[] days;
        private final TreeMap<String, BigInteger> amounts = new TreeMap<>();
        private long orders;
        private long quantity;

        private Accumulated(LocalDate[] days) {
            this.days = days;
        }
    }
}
