package io.hindsight.shop;

import io.hindsight.common.AsciiCase;
import io.hindsight.common.BusinessException;
import io.hindsight.shop.api.ShopError;
import io.hindsight.shop.api.ShopRules;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sales per month or day (UTC): orders, items and revenue, each with the figures of its best-selling products. Summed
 * from the sales fact table at read time, so any range and granularity comes from one read model; both sums read one
 * snapshot, so a period whose products are all listed always equals their sum.
 */
@Service
public class SalesStatistics {

    /** A period's products listed when the caller does not say: a shop's whole range by day would be unbounded. */
    public static final int DEFAULT_PRODUCTS = 100;

    private final JdbcClient jdbc;

    public SalesStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public List<SalesPeriod> sales(String from, String to, String granularity, int productsPerPeriod) {
        Granularity unit = Granularity.parse(granularity);
        LocalDate firstDay = from == null || from.isBlank() ? null : day(from, true);
        LocalDate lastDay = to == null || to.isBlank() ? null : day(to, false);
        if (firstDay != null && lastDay != null && firstDay.isAfter(lastDay)) {
            throw new BusinessException(ShopError.INVALID_PERIOD, "from (%s) is after to (%s)", from, to);
        }
        StringBuilder where = new StringBuilder("WHERE true");
        Map<String, Object> params = new HashMap<>();
        if (firstDay != null) {
            where.append(" AND ordered_at >= :from");
            params.put(
                    "from", Timestamp.from(firstDay.atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        if (lastDay != null) {
            where.append(" AND ordered_at < :until");
            params.put(
                    "until",
                    Timestamp.from(
                            lastDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        String period = "to_char(ordered_at AT TIME ZONE 'UTC', '" + unit.pattern + "')";

        params.put("products", productsPerPeriod);
        Map<String, List<ProductSales>> productsByPeriod = new HashMap<>();
        Map<String, Long> productCounts = new HashMap<>();
        jdbc.sql("SELECT period, product_id, name, orders, items, revenue, product_count FROM ("
                        + " SELECT " + period + " AS period, product_id,"
                        + " (array_agg(product_name ORDER BY ordered_at DESC, receipt_id DESC))[1] AS name,"
                        + " count(*) AS orders, sum(quantity) AS items, sum(revenue) AS revenue,"
                        + " row_number() OVER (PARTITION BY " + period
                        + " ORDER BY sum(revenue) DESC, product_id) AS place,"
                        + " count(*) OVER (PARTITION BY " + period + ") AS product_count"
                        + " FROM shop_sales_line " + where + " GROUP BY 1, product_id) p"
                        + " WHERE place <= :products ORDER BY period, place")
                .params(params)
                .query((rs, n) -> {
                    productCounts.put(rs.getString("period"), rs.getLong("product_count"));
                    return productsByPeriod
                            .computeIfAbsent(rs.getString("period"), p -> new ArrayList<>())
                            .add(new ProductSales(
                                    rs.getString("product_id"),
                                    rs.getString("name"),
                                    rs.getLong("orders"),
                                    rs.getLong("items"),
                                    revenueOf(rs)));
                })
                .list();

        Map<String, SalesPeriod> periods = new LinkedHashMap<>();
        jdbc.sql("SELECT " + period + " AS period, count(DISTINCT receipt_id) AS orders, sum(quantity) AS items,"
                        + " sum(revenue) AS revenue FROM shop_sales_line " + where + " GROUP BY 1 ORDER BY 1")
                .params(params)
                .query((rs, n) -> periods.put(
                        rs.getString("period"),
                        new SalesPeriod(
                                rs.getString("period"),
                                rs.getLong("orders"),
                                rs.getLong("items"),
                                revenueOf(rs),
                                ShopRules.CURRENCY,
                                productCounts.getOrDefault(rs.getString("period"), 0L),
                                productsByPeriod.getOrDefault(rs.getString("period"), List.of()))))
                .list();
        return List.copyOf(periods.values());
    }

    /**
     * PostgreSQL's sum of bigints is a numeric, exact past a long's range: a period's lines (each up to 10^9 times 1000)
     * pass it from about 92,000 full carts on.
     */
    private static BigInteger revenueOf(ResultSet rs) throws SQLException {
        return rs.getBigDecimal("revenue").toBigIntegerExact();
    }

    /**
     * A day, or a month meaning its first day ({@code from}) or its last day ({@code to}), of the years 1 to 9999: the
     * labels are four-digit years, and ISO's signed years (year 0, -1, +10000) are no sales period.
     */
    private static LocalDate day(String value, boolean start) {
        LocalDate day = parsedDay(value, start);
        if (day == null || day.getYear() < 1 || day.getYear() > 9999) {
            throw new BusinessException(
                    ShopError.INVALID_PERIOD,
                    "'%s' is neither a day (YYYY-MM-DD) nor a month (YYYY-MM) of the years 1 to 9999",
                    value.length() > 20 ? value.substring(0, 20) + "..." : value);
        }
        return day;
    }

    private static LocalDate parsedDay(String value, boolean start) {
        try {
            if (value.length() == 7) {
                YearMonth month = YearMonth.parse(value);
                return start ? month.atDay(1) : month.atEndOfMonth();
            }
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** How sales are bucketed; the pattern is PostgreSQL's to_char format of the period label. */
    public enum Granularity {
        MONTH("YYYY-MM"),
        DAY("YYYY-MM-DD");

        private final String pattern;

        Granularity(String pattern) {
            this.pattern = pattern;
        }

        static Granularity parse(String value) {
            if (value == null || value.isBlank()) {
                return MONTH;
            }
            try {
                return valueOf(AsciiCase.upperCase(value.trim()));
            } catch (IllegalArgumentException e) {
                throw new BusinessException(ShopError.INVALID_PERIOD, "granularity must be month or day");
            }
        }
    }

    /** The sales of one period: {@code productCount} products sold, the best-selling of them in {@code products}. */
    public record SalesPeriod(
            String period,
            long orders,
            long items,
            BigInteger revenue,
            String currency,
            long productCount,
            List<ProductSales> products) {}

    /** One product's sales within a period; {@code orders} counts the receipts it was on. */
    public record ProductSales(String productId, String name, long orders, long items, BigInteger revenue) {}
}
