package io.hindsight.booking.web;

import io.hindsight.booking.BookingReadModels;
import io.hindsight.booking.ReferenceLists;
import io.hindsight.booking.SpaceQueries;
import io.hindsight.booking.web.BookingResponses.SpaceDetail;
import io.hindsight.common.AuthenticatedAccount;
import io.hindsight.projection.ReadsProjection;
import io.hindsight.query.Page;
import io.hindsight.query.Paging;
import io.hindsight.query.QueryRole;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A host's own spaces, listed or not, the way they manage them. */
@QueryRole
@RestController
public class MySpacesQueryController {

    private final SpaceQueries spaces;
    private final ReferenceLists reference;

    public MySpacesQueryController(SpaceQueries spaces, ReferenceLists reference) {
        this.spaces = spaces;
        this.reference = reference;
    }

    @PreAuthorize("isAuthenticated()")
    @ReadsProjection(BookingReadModels.SPACES)
    @GetMapping("/api/me/spaces")
    public Page<SpaceDetail> mine(
            @AuthenticationPrincipal AuthenticatedAccount me,
            @RequestParam(required = false) Integer offset,
            @RequestParam(required = false) Integer limit) {
        return spaces.ofHost(me.accountId().value(), Paging.of(offset, limit))
                .map(view -> SpaceDetail.of(
                        view,
                        reference.category(view.categoryId()).orElse(null),
                        reference.district(view.districtId()).orElse(null),
                        reference.facilities(view.facilityIds())));
    }
}
