package io.hindsight.snack.web;

import io.hindsight.common.AsciiCase;
import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import io.hindsight.projection.ReadsProjection;
import io.hindsight.query.QueryRole;
import io.hindsight.snack.Granularity;
import io.hindsight.snack.OrderPeriod;
import io.hindsight.snack.PeriodFigures;
import io.hindsight.snack.SnackOrderQueries;
import io.hindsight.snack.SnackReadModels;
import io.hindsight.snack.api.SnackRules;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@QueryRole
@RestController
public class SnackOrderStatsController {

    private final SnackOrderQueries queries;

    public SnackOrderStatsController(SnackOrderQueries queries) {
        this.queries = queries;
    }

    /**
     * Orders, snack quantity and amount per year, month, week of month, day, or over the whole from..to
     * range (granularity=range); every order but CANCELED ones, by the UTC day it was created.
     */
    @PreAuthorize("hasAnyRole('ADMIN', 'AUDITOR')")
    @ReadsProjection(SnackReadModels.ORDERS)
    @GetMapping("/api/stats/snack-orders")
    public List<PeriodFigures> figures(
            @RequestParam(required = false) String granularity,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false, defaultValue = "KRW") String currency) {
        return queries.figures(
                granularityOf(granularity), OrderPeriod.range(from, to), SnackRules.currencyCode(currency));
    }

    private static Granularity granularityOf(String granularity) {
        if (granularity == null || granularity.isBlank()) {
            return Granularity.MONTH;
        }
        return Arrays.stream(Granularity.values())
                .filter(g -> AsciiCase.equalsIgnoringCase(g.name(), granularity.trim()))
                .findFirst()
                .orElseThrow(() -> new BusinessException(
                        CommonError.VALIDATION_FAILED, "granularity is one of year, month, week, day, range"));
    }
}
