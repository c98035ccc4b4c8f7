package io.hindsight.snack.web;

import io.hindsight.common.AsciiCase;
import io.hindsight.common.AuthenticatedAccount;
import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import io.hindsight.projection.ReadsProjection;
import io.hindsight.query.Page;
import io.hindsight.query.Paging;
import io.hindsight.query.QueryRole;
import io.hindsight.snack.SnackListing;
import io.hindsight.snack.SnackQueries;
import io.hindsight.snack.SnackReadModels;
import io.hindsight.snack.SnackSort;
import io.hindsight.snack.api.SnackError;
import io.hindsight.snack.api.SnackId;
import java.time.Instant;
import java.util.Arrays;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@QueryRole
@RestController
@RequestMapping("/api/snacks")
@PreAuthorize("isAuthenticated()")
public class SnackQueryController {

    private final SnackQueries queries;

    public SnackQueryController(SnackQueries queries) {
        this.queries = queries;
    }

    @ReadsProjection({SnackReadModels.CATALOG, SnackReadModels.REACTIONS, SnackReadModels.ORDERS})
    @GetMapping
    public Page<SnackResponse> list(
            @AuthenticationPrincipal AuthenticatedAccount me,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) Integer offset,
            @RequestParam(required = false) Integer limit) {
        return queries.list(
                        sortOf(sort), Paging.of(offset, limit), me.accountId().value())
                .map(listing -> SnackResponse.of(listing, null));
    }

    /** The snack with its counts now, or as of {@code asOf}; {@code requestable} is read from the orders' model. */
    @ReadsProjection({SnackReadModels.REACTIONS, SnackReadModels.ORDERS})
    @GetMapping("/{snackId}")
    public SnackResponse detail(
            @AuthenticationPrincipal AuthenticatedAccount me,
            @PathVariable String snackId,
            @RequestParam(required = false) Instant asOf) {
        String id = SnackId.parse(snackId)
                .orElseThrow(() -> new BusinessException(SnackError.SNACK_NOT_FOUND, "No snack %s", snackId))
                .value();
        SnackListing listing = asOf == null
                ? queries.current(id, me.accountId().value())
                : queries.asOf(id, asOf, me.accountId().value());
        return SnackResponse.of(listing, asOf);
    }

    private static SnackSort sortOf(String sort) {
        if (sort == null || sort.isBlank()) {
            return SnackSort.RATIO;
        }
        return Arrays.stream(SnackSort.values())
                .filter(s -> AsciiCase.equalsIgnoringCase(s.name(), sort.trim()))
                .findFirst()
                .orElseThrow(() -> new BusinessException(
                        CommonError.VALIDATION_FAILED,
                        "sort is one of ratio, newest, name; not '%s'",
                        sort.length() > 40 ? sort.substring(0, 40) : sort));
    }
}
