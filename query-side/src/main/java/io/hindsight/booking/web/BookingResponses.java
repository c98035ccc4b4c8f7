package io.hindsight.booking.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.hindsight.booking.BookingView;
import io.hindsight.booking.ReferenceLists.Category;
import io.hindsight.booking.ReferenceLists.District;
import io.hindsight.booking.ReferenceLists.Facility;
import io.hindsight.booking.SpaceView;
import io.hindsight.booking.StatusChange;
import io.hindsight.booking.api.BookingOption;
import io.hindsight.booking.api.BookingPayment;
import io.hindsight.booking.api.BookingStatus;
import io.hindsight.booking.api.CancellationParty;
import io.hindsight.booking.api.SpacePrices;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Response bodies of the space and booking reads. */
final class BookingResponses {

    private BookingResponses() {}

    /** Prices keyed by option name, null where the option is not offered. */
    record Prices(
            @JsonProperty("DAY") Long day,
            @JsonProperty("NIGHT") Long night,
            @JsonProperty("ALL_DAY") Long allDay) {

        static Prices of(SpacePrices prices) {
            return new Prices(prices.day(), prices.night(), prices.allDay());
        }
    }

    record OptionPrice(BookingOption option, long price) {}

    /** {@code dayPrice} is the list price: the cheapest option the space offers. */
    record SpaceListItem(
            String spaceId,
            String title,
            String subTitle,
            String district,
            int districtId,
            String category,
            int categoryId,
            long dayPrice,
            Prices prices,
            String currency,
            long likes,
            String imageUrl,
            int minCount,
            int maxCount,
            boolean listed) {

        static SpaceListItem of(SpaceView view, District district, Category category) {
            return new SpaceListItem(
                    view.spaceId(),
                    view.title(),
                    view.subTitle(),
                    district == null ? null : district.name(),
                    view.districtId(),
                    category == null ? null : category.name(),
                    view.categoryId(),
                    view.prices().cheapest(),
                    Prices.of(view.prices()),
                    SpacePrices.CURRENCY,
                    view.likes(),
                    view.coverImageUrl(),
                    view.minCount(),
                    view.maxCount(),
                    view.listed());
        }
    }

    record SpaceDetail(
            String spaceId,
            String hostId,
            String title,
            String subTitle,
            Category category,
            District district,
            String address,
            int minCount,
            int maxCount,
            List<Facility> facilities,
            List<String> imageUrls,
            List<OptionPrice> options,
            Prices prices,
            long dayPrice,
            String currency,
            long likes,
            Instant registeredAt,
            List<SpaceView.SpaceImage> images,
            boolean listed,
            Instant unlistedAt) {

        static SpaceDetail of(SpaceView view, Category category, District district, List<Facility> facilities) {
            List<OptionPrice> options = view.prices().offered().entrySet().stream()
                    .map(e -> new OptionPrice(e.getKey(), e.getValue()))
                    .toList();
            return new SpaceDetail(
                    view.spaceId(),
                    view.hostId(),
                    view.title(),
                    view.subTitle(),
                    category,
                    district,
                    view.address(),
                    view.minCount(),
                    view.maxCount(),
                    facilities,
                    view.imageUrls(),
                    options,
                    Prices.of(view.prices()),
                    view.prices().cheapest(),
                    SpacePrices.CURRENCY,
                    view.likes(),
                    view.registeredAt(),
                    view.images(),
                    view.listed(),
                    view.unlistedAt());
        }
    }

    record AvailabilityResponse(
            String spaceId, LocalDate date, BookingOption option, boolean available, String reason) {}

    record BookingResponse(
            String bookingId,
            String slotId,
            String spaceId,
            LocalDate date,
            BookingOption option,
            int headcount,
            BookingStatus status,
            String guestId,
            String hostId,
            long price,
            String currency,
            Instant placedAt,
            Instant holdExpiresAt,
            Instant confirmedAt,
            BookingPayment payment,
            Instant canceledAt,
            CancellationParty canceledBy,
            Instant expiredAt,
            List<StatusChange> statusHistory,
            Instant asOf) {

        static BookingResponse of(BookingView view, Instant asOf) {
            return new BookingResponse(
                    view.bookingId(),
                    view.slotId(),
                    view.spaceId(),
                    view.date(),
                    view.option(),
                    view.headcount(),
                    view.status(),
                    view.guestId(),
                    view.hostId(),
                    view.price(),
                    view.currency(),
                    view.placedAt(),
                    view.holdExpiresAt(),
                    view.confirmedAt(),
                    view.payment(),
                    view.canceledAt(),
                    view.canceledBy(),
                    view.expiredAt(),
                    view.statusHistory(),
                    asOf);
        }
    }
}
