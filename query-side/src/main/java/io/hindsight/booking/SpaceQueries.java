package io.hindsight.booking;

import io.hindsight.booking.api.BookingError;
import io.hindsight.booking.api.BookingOption;
import io.hindsight.booking.api.BookingWindow;
import io.hindsight.booking.api.SlotId;
import io.hindsight.booking.api.SpaceId;
import io.hindsight.common.BusinessException;
import io.hindsight.projection.ViewDefinition;
import io.hindsight.projection.ViewStore;
import io.hindsight.projection.Views;
import io.hindsight.query.Page;
import io.hindsight.query.Paging;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Reads of spaces: the filtered list, the detail, and availability. Availability and the list's date
 * filter apply the same slot rule ({@link BookingOption#conflictsWith}) and date window as the command
 * side, so they answer what a booking would get.
 */
@Service
public class SpaceQueries {

    private static final String TABLE = "booking_space_view";

    private final Views views;
    private final ViewStore store;
    private final ViewDefinition<SpaceView> spaces;
    private final ViewDefinition<SlotView> slots;
    private final JdbcClient jdbc;
    private final BookingWindow window;

    public SpaceQueries(
            Views views,
            ViewStore store,
            ViewDefinition<SpaceView> spaces,
            ViewDefinition<SlotView> slots,
            JdbcClient jdbc,
            BookingQueryProperties properties) {
        this.views = views;
        this.store = store;
        this.spaces = spaces;
        this.slots = slots;
        this.jdbc = jdbc;
        this.window = properties.window();
    }

    /** The space now, including the caller's own latest change. */
    public SpaceView space(String spaceId) {
        return SpaceId.parse(spaceId)
                .flatMap(id -> views.current(spaces, id.value()))
                .orElseThrow(
                        () -> new BusinessException(BookingError.SPACE_NOT_FOUND, "There is no space %s", spaceId));
    }

    public Page<SpaceView> list(SpaceFilter filter, Paging paging) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = new StringBuilder("WHERE TRUE");
        if (filter.districtId() != null) {
            where.append(" AND district_id = :district");
            params.put("district", filter.districtId());
        }
        if (filter.categoryId() != null) {
            where.append(" AND category_id = :category");
            params.put("category", filter.categoryId());
        }
        if (filter.people() != null) {
            where.append(" AND min_count <= :people AND max_count >= :people");
            params.put("people", filter.people());
        }
        if (filter.date() != null) {
            window.requireBookable(filter.date(), Instant.now());
            where.append(" AND ").append(someOptionFreeOn());
            params.put("date", Date.valueOf(filter.date()));
        }
        long total = jdbc.sql("SELECT count(*) FROM " + TABLE + " " + where)
                .params(params)
                .query(Long.class)
                .single();
        params.put("limit", paging.limit());
        params.put("offset", paging.offset());
        List<SpaceView> items = store.findAll(
                spaces, where + " ORDER BY " + filter.sort().orderBy() + " LIMIT :limit OFFSET :offset", params);
        return Page.of(items, total, paging);
    }

    /** Whether a booking of {@code option} on {@code date} (and for {@code headcount} people, if given) would be accepted now. */
    public Availability availability(String spaceId, LocalDate date, BookingOption option, Integer headcount) {
        SpaceView space = space(spaceId);
        window.requireBookable(date, Instant.now());
        if (!space.prices().offers(option)) {
            return Availability.refused(BookingError.OPTION_NOT_OFFERED);
        }
        if (headcount != null && !space.admits(headcount)) {
            return Availability.refused(BookingError.HEADCOUNT_OUT_OF_RANGE);
        }
        boolean taken = views.current(
                        slots, SlotId.of(SpaceId.of(space.spaceId()), date).value())
                .flatMap(slot -> slot.conflictWith(option))
                .isPresent();
        return taken ? Availability.refused(BookingError.SLOT_TAKEN) : Availability.AVAILABLE;
    }

    /**
     * A space is listed for a date unless its slot row shows every offered option blocked; an option is
     * free when no option it conflicts with is taken. Built from the same rule the slot aggregate enforces.
     */
    static String someOptionFreeOn() {
        String anyOptionFree = Arrays.stream(BookingOption.values())
                .map(SpaceQueries::optionFree)
                .collect(Collectors.joining(" OR "));
        return "NOT EXISTS (SELECT 1 FROM booking_slot_view t WHERE t.space_id = " + TABLE + ".aggregate_id"
                + " AND t.slot_date = :date AND NOT (" + anyOptionFree + "))";
    }

    private static String optionFree(BookingOption option) {
        String notTaken = Arrays.stream(BookingOption.values())
                .filter(option::conflictsWith)
                .map(other -> " AND NOT t." + BookingViews.takenColumn(other))
                .collect(Collectors.joining());
        return "(" + TABLE + "." + BookingViews.priceColumn(option) + " IS NOT NULL" + notTaken + ")";
    }

    public record SpaceFilter(Integer districtId, Integer categoryId, Integer people, LocalDate date, SpaceSort sort) {}

    /** The answer to "could I book this now": the error code a booking would get when it would not. */
    public record Availability(boolean available, String reason) {

        static final Availability AVAILABLE = new Availability(true, null);

        static Availability refused(BookingError reason) {
            return new Availability(false, reason.name());
        }
    }
}
