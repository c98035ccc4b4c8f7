package io.hindsight.booking;

import io.hindsight.booking.api.BookingOption;
import io.hindsight.projection.ViewDefinition;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BookingQueryProperties.class)
public class BookingViews {

    public static final String SPACE_AGGREGATE = "Space";
    public static final String SLOT_AGGREGATE = "Slot";

    @Bean
    public ViewDefinition<SpaceView> spaceViewDefinition() {
        return ViewDefinition.of(SPACE_AGGREGATE, SpaceView.class, new SpaceFold(), "booking_space_view")
                .withColumns(BookingViews::spaceColumns);
    }

    @Bean
    public ViewDefinition<SlotView> slotViewDefinition() {
        return ViewDefinition.of(SLOT_AGGREGATE, SlotView.class, new SlotFold(), "booking_slot_view")
                .withColumns(BookingViews::slotColumns);
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
