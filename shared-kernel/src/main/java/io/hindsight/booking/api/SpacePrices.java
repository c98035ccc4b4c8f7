package io.hindsight.booking.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The price of each option a space offers, in KRW; an option without a price is not offered. */
public record SpacePrices(Long day, Long night, Long allDay) {

    public static final String CURRENCY = "KRW";

    public Optional<Long> priceOf(BookingOption option) {
        return Optional.ofNullable(
                switch (option) {
                    case DAY -> day;
                    case NIGHT -> night;
                    case ALL_DAY -> allDay;
                });
    }

    public boolean offers(BookingOption option) {
        return priceOf(option).isPresent();
    }

    /** The offered options and their prices, in option order. */
    @JsonIgnore
    public Map<BookingOption, Long> offered() {
        Map<BookingOption, Long> offered = new EnumMap<>(BookingOption.class);
        for (BookingOption option : BookingOption.values()) {
            priceOf(option).ifPresent(price -> offered.put(option, price));
        }
        return offered;
    }

    /** The list price: the cheapest option, or null when nothing is offered. */
    @JsonIgnore
    public Long cheapest() {
        return offered().values().stream().min(Long::compare).orElse(null);
    }
}
