package io.hindsight.booking.web;

import io.hindsight.booking.BookingQueries;
import io.hindsight.booking.BookingReadModels;
import io.hindsight.booking.ReferenceLists;
import io.hindsight.booking.ReferenceLists.Category;
import io.hindsight.booking.ReferenceLists.District;
import io.hindsight.booking.SpaceQueries;
import io.hindsight.booking.SpaceQueries.Availability;
import io.hindsight.booking.SpaceQueries.SpaceFilter;
import io.hindsight.booking.SpaceSort;
import io.hindsight.booking.SpaceView;
import io.hindsight.booking.api.BookingError;
import io.hindsight.booking.api.BookingOption;
import io.hindsight.booking.web.BookingResponses.AvailabilityResponse;
import io.hindsight.booking.web.BookingResponses.BookingResponse;
import io.hindsight.booking.web.BookingResponses.SpaceDetail;
import io.hindsight.booking.web.BookingResponses.SpaceListItem;
import io.hindsight.common.AuthenticatedAccount;
import io.hindsight.common.BusinessException;
import io.hindsight.common.PublicEndpoint;
import io.hindsight.projection.ReadsProjection;
import io.hindsight.query.Page;
import io.hindsight.query.Paging;
import io.hindsight.query.QueryRole;
import jakarta.validation.constraints.Min;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@QueryRole
@Validated
@RestController
@RequestMapping("/api/spaces")
public class SpaceQueryController {

    private final SpaceQueries spaces;
    private final BookingQueries bookings;
    private final ReferenceLists reference;

    public SpaceQueryController(SpaceQueries spaces, BookingQueries bookings, ReferenceLists reference) {
        this.spaces = spaces;
        this.bookings = bookings;
        this.reference = reference;
    }

    /** A day's list leaves out spaces whose slot that day is taken, so it reads the slots' model too. */
    @PublicEndpoint
    @ReadsProjection({BookingReadModels.SPACES, BookingReadModels.SLOTS})
    @GetMapping
    public Page<SpaceListItem> list(
            @RequestParam(required = false) Integer district,
            @RequestParam(required = false) Integer category,
            @RequestParam(required = false) @Min(1) Integer people,
            @RequestParam(required = false) LocalDate date,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) Integer offset,
            @RequestParam(required = false) Integer limit) {
        Paging paging = Paging.of(offset, limit);
        Page<SpaceView> page =
                spaces.list(new SpaceFilter(district, category, people, date, SpaceSort.parse(sort)), paging);
        Map<Integer, District> districts =
                reference.districts().stream().collect(Collectors.toMap(District::districtId, Function.identity()));
        Map<Integer, Category> categories =
                reference.categories().stream().collect(Collectors.toMap(Category::categoryId, Function.identity()));
        return page.map(
                view -> SpaceListItem.of(view, districts.get(view.districtId()), categories.get(view.categoryId())));
    }

    @PublicEndpoint
    @GetMapping("/{spaceId}")
    public SpaceDetail detail(@PathVariable String spaceId) {
        SpaceView view = spaces.space(spaceId);
        return SpaceDetail.of(
                view,
                reference.category(view.categoryId()).orElse(null),
                reference.district(view.districtId()).orElse(null),
                reference.facilities(view.facilityIds()));
    }

    @PublicEndpoint
    @GetMapping("/{spaceId}/availability")
    public AvailabilityResponse availability(
            @PathVariable String spaceId,
            @RequestParam LocalDate date,
            @RequestParam String option,
            @RequestParam(required = false) Integer headcount) {
        BookingOption requested = BookingOption.parse(option)
                .orElseThrow(() -> new BusinessException(
                        BookingError.UNKNOWN_OPTION, "The option must be DAY, NIGHT or ALL_DAY, not %s", option));
        Availability availability = spaces.availability(spaceId, date, requested, headcount);
        return new AvailabilityResponse(
                availability.spaceId(), date, requested, availability.available(), availability.reason());
    }

    @PreAuthorize("isAuthenticated()")
    @ReadsProjection(BookingReadModels.SLOTS)
    @GetMapping("/{spaceId}/bookings")
    public Page<BookingResponse> bookingsOfSpace(
            @AuthenticationPrincipal AuthenticatedAccount me,
            @PathVariable String spaceId,
            @RequestParam(required = false) LocalDate date,
            @RequestParam(required = false) Integer offset,
            @RequestParam(required = false) Integer limit) {
        return bookings.ofSpace(spaceId, date, me, Paging.of(offset, limit))
                .map(view -> BookingResponse.of(view, null));
    }
}
