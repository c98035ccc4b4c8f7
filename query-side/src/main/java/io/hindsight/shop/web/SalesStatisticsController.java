package io.hindsight.shop.web;

import io.hindsight.projection.ReadsProjection;
import io.hindsight.query.Paging;
import io.hindsight.query.QueryRole;
import io.hindsight.shop.SalesProjection;
import io.hindsight.shop.SalesStatistics;
import io.hindsight.shop.SalesStatistics.SalesPeriod;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@QueryRole
@RestController
public class SalesStatisticsController {

    private final SalesStatistics statistics;

    public SalesStatisticsController(SalesStatistics statistics) {
        this.statistics = statistics;
    }

    /**
     * Sales per month or day (UTC) between two days or months, both inclusive; periods without sales are left out. Each
     * period names its {@code products} best sellers by revenue (100 unless asked, at most 1000).
     */
    @PreAuthorize("hasAnyRole('ADMIN', 'AUDITOR')")
    @ReadsProjection(SalesProjection.NAME)
    @GetMapping("/api/stats/sales")
    public List<SalesPeriod> sales(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String granularity,
            @RequestParam(required = false) Integer products) {
        return statistics.sales(
                from, to, granularity, Paging.count("products", products, SalesStatistics.DEFAULT_PRODUCTS));
    }
}
