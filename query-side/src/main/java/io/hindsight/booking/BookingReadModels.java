package io.hindsight.booking;

import io.hindsight.booking.api.BookingOption;
import io.hindsight.booking.api.SlotEvent;
import io.hindsight.booking.api.SpaceEvent;
import io.hindsight.projection.ReadModel;
import io.hindsight.projection.ReadModels;
import io.hindsight.projection.RecordedEvent;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BookingQueryProperties.class)
public class BookingReadModels {

    public static final String SPACES = "booking-spaces";
    public static final String SLOTS = "booking-slots";

    @Bean
    public ReadModel<SpaceView> spaces(ReadModels readModels) {
        return readModels
                .define(SPACES, SpaceEvent.class, SpaceView.class, new SpaceFold())
                .storedIn("booking_space_view", BookingReadModels::spaceColumns)
                .build();
    }

    /** The slots (which options of a space are held on a date), followed by one list row per booking. */
    @Bean
    public ReadModel<SlotView> slots(ReadModels readModels, BookingEntries entries) {
        return readModels
                .define(SLOTS, SlotEvent.class, SlotView.class, new SlotFold())
                .storedIn("booking_slot_view", BookingReadModels::slotColumns)
                .audited(SlotView::bookings)
                .auditedAfter(BookingReadModels::bookingsAfter)
                .followedBy(entries)
                .build();
    }

    /**
     * The bookings after a slot's event as an audit shows them: a booking the event canceled or expired leaves the view,
     * and is shown as it ended (its status, when and by whom), not as gone.
     */
    private static List<BookingView> bookingsAfter(SlotView before, SlotView after, RecordedEvent event) {
        List<BookingView> shown = new ArrayList<>(after.bookings());
        SlotFold.bookingAfter(before, event)
                .filter(booking -> !booking.holdsSlot())
                .ifPresent(shown::add);
        return shown;
    }

    /** The column of the space list that holds an option's price (NULL when the option is not offered). */
    static String priceColumn(BookingOption option) {
        return switch (option) {
            case DAY -> "day_price";
            case NIGHT -> "night_price";
            case ALL_DAY -> "all_day_price";
        };
    }

    /** The column of a slot row that tells whether a live booking holds the option. */
    static String takenColumn(BookingOption option) {
        return switch (option) {
            case DAY -> "day_taken";
            case NIGHT -> "night_taken";
            case ALL_DAY -> "all_day_taken";
        };
    }

    private static Map<String, Object> spaceColumns(SpaceView view) {
        Map<String, Object> columns = new HashMap<>();
        columns.put("host_id", view.hostId());
        columns.put("district_id", view.districtId());
        columns.put("category_id", view.categoryId());
        columns.put("min_count", view.minCount());
        columns.put("max_count", view.maxCount());
        for (BookingOption option : BookingOption.values()) {
            columns.put(priceColumn(option), view.prices().priceOf(option).orElse(null));
        }
        columns.put("list_price", view.prices().cheapest());
        columns.put("likes", view.likes());
        columns.put("registered_at", Timestamp.from(view.registeredAt()));
        columns.put("listed", view.listed());
        return columns;
    }

    private static Map<String, Object> slotColumns(SlotView view) {
        Map<String, Object> columns = new HashMap<>();
        columns.put("space_id", view.spaceId());
        columns.put("slot_date", Date.valueOf(view.date()));
        for (BookingOption option : BookingOption.values()) {
            columns.put(takenColumn(option), view.taken(option));
        }
        return columns;
    }
}
