package io.hindsight.booking;

import io.hindsight.booking.api.BookingError;
import io.hindsight.booking.api.BookingOption;
import io.hindsight.booking.api.BookingWindow;
import io.hindsight.booking.api.SlotId;
import io.hindsight.booking.api.SpaceId;
import io.hindsight.common.BusinessException;
import io.hindsight.projection.ReadModel;
import io.hindsight.projection.Where;
import io.hindsight.query.Page;
import io.hindsight.query.Paging;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Reads of spaces: the filtered list, the detail, and availability. Availability and the list's date
 * filter apply the same slot rule ({@link BookingOption#conflictsWith}) and date window as the command
 * side, so they answer what a booking would get.
 */
@Service
public class SpaceQueries {

    private final ReadModel<SpaceView> spaces;
    private final ReadModel<SlotView> slots;
    private final BookingWindow window;
    private final Clock clock;

    public SpaceQueries(
            ReadModel<SpaceView> spaces, ReadModel<SlotView> slots, BookingQueryProperties properties, Clock clock) {
        this.spaces = spaces;
        this.slots = slots;
        this.window = properties.window();
        this.clock = clock;
    }

    /** The space now, including the caller's own latest change. */
    public SpaceView space(String spaceId) {
        return SpaceId.parse(spaceId)
                .flatMap(id -> spaces.current(id.value()))
                .orElseThrow(
                        () -> new BusinessException(BookingError.SPACE_NOT_FOUND, "There is no space %s", spaceId));
    }

    /** Listed spaces only: an unlisted space is found by its id and in its host's own list. */
    public Page<SpaceView> list(SpaceFilter filter, Paging paging) {
        Where where = Where.is("listed", true);
        if (filter.districtId() != null) {
            where = where.and("district_id", filter.districtId());
        }
        if (filter.categoryId() != null) {
            where = where.and("category_id", filter.categoryId());
        }
        if (filter.people() != null) {
            where = where.and(
                    Where.sql("min_count <= :people AND max_count >= :people", Map.of("people", filter.people())));
        }
        if (filter.date() != null) {
            window.requireBookable(filter.date(), clock.instant());
            where = where.and(Where.sql(someOptionFreeOn(), Map.of("date", Date.valueOf(filter.date()))));
        }
        return spaces.page(where, filter.sort().orderBy(), paging);
    }

    /** A host's own spaces, listed or not, newest first. */
    public Page<SpaceView> ofHost(String hostId, Paging paging) {
        return spaces.page(Where.is("host_id", hostId), "registered_at DESC, aggregate_id", paging);
    }

    /** Whether a booking of {@code option} on {@code date} (and for {@code headcount} people, if given) would be accepted now. */
    public Availability availability(String spaceId, LocalDate date, BookingOption option, Integer headcount) {
        SpaceView space = space(spaceId);
        window.requireBookable(date, clock.instant());
        if (!space.listed()) {
            return Availability.refused(space, BookingError.SPACE_UNLISTED);
        }
        if (!space.prices().offers(option)) {
            return Availability.refused(space, BookingError.OPTION_NOT_OFFERED);
        }
        if (headcount != null && !space.admits(headcount)) {
            return Availability.refused(space, BookingError.HEADCOUNT_OUT_OF_RANGE);
        }
        boolean taken = slots.current(
                        SlotId.of(SpaceId.of(space.spaceId()), date).value())
                .flatMap(slot -> slot.conflictWith(option))
                .isPresent();
        return taken ? Availability.refused(space, BookingError.SLOT_TAKEN) : Availability.available(space);
    }

    /**
     * A space is listed for a date unless its slot row shows every offered option blocked; an option is
     * free when no option it conflicts with is taken. Built from the same rule the slot aggregate enforces.
     */
    private String someOptionFreeOn() {
        String anyOptionFree =
                Arrays.stream(BookingOption.values()).map(this::optionFree).collect(Collectors.joining(" OR "));
        return "NOT EXISTS (SELECT 1 FROM " + slots.tableName() + " t WHERE t.space_id = " + spaces.tableName()
                + ".aggregate_id"
                + " AND t.slot_date = :date AND NOT (" + anyOptionFree + "))";
    }

    private String optionFree(BookingOption option) {
        String notTaken = Arrays.stream(BookingOption.values())
                .filter(option::conflictsWith)
                .map(other -> " AND NOT t." + BookingReadModels.takenColumn(other))
                .collect(Collectors.joining());
        return "(" + spaces.tableName() + "." + BookingReadModels.priceColumn(option) + " IS NOT NULL" + notTaken + ")";
    }

    public record SpaceFilter(Integer districtId, Integer categoryId, Integer people, LocalDate date, SpaceSort sort) {}

    /**
     * The answer to "could I book this now": the error code a booking would get when it would not, and the space's id as
     * it is stored (in whatever case it was asked).
     */
    public record Availability(String spaceId, boolean available, String reason) {

        static Availability available(SpaceView space) {
            return new Availability(space.spaceId(), true, null);
        }

        static Availability refused(SpaceView space, BookingError reason) {
            return new Availability(space.spaceId(), false, reason.name());
        }
    }
}
