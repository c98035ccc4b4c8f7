package io.hindsight.booking;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.hindsight.account.api.AccountId;
import io.hindsight.booking.api.BookingError;
import io.hindsight.booking.api.LikeSpace;
import io.hindsight.booking.api.RegisterSpace;
import io.hindsight.booking.api.SpaceId;
import io.hindsight.booking.api.SpaceLiked;
import io.hindsight.booking.api.SpacePrices;
import io.hindsight.booking.api.SpaceRegistered;
import io.hindsight.booking.api.SpaceUnliked;
import io.hindsight.booking.api.UnlikeSpace;
import io.hindsight.booking.guard.ReferenceData;
import io.hindsight.booking.guard.SpaceTerms;
import io.hindsight.command.CommandRole;
import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** A space a HOST offers, and who likes it (each user at most once). */
@CommandRole
@Aggregate(filterEventsByType = true)
public class Space {

    static final long MAX_PRICE = 100_000_000L;

    @AggregateIdentifier
    private SpaceId spaceId;

    private final Set<AccountId> likedBy = new HashSet<>();

    protected Space() {}

    @CommandHandler
    public Space(RegisterSpace command, ReferenceData reference, SpaceTerms terms) {
        if (command.title() == null || command.title().isBlank()) {
            throw new BusinessException(CommonError.VALIDATION_FAILED, "A space needs a title");
        }
        if (command.minCount() < 1 || command.maxCount() < command.minCount()) {
            throw new BusinessException(
                    BookingError.INVALID_HEADCOUNT_RANGE,
                    "Cannot register a space for %d to %d people: the minimum must be at least 1 and not above the maximum",
                    command.minCount(),
                    command.maxCount());
        }
        requireValidPrices(command.prices());
        reference.refuseUnknownCategory(command.categoryId());
        reference.refuseUnknownDistrict(command.districtId());
        reference.refuseUnknownFacilities(command.facilityIds());
        terms.register(new SpaceTerms.Terms(
                command.spaceId(), command.hostId(), command.minCount(), command.maxCount(), command.prices()));
        apply(new SpaceRegistered(
                command.spaceId(),
                command.hostId(),
                command.title().trim(),
                command.subTitle() == null ? null : command.subTitle().trim(),
                command.categoryId(),
                command.districtId(),
                command.minCount(),
                command.maxCount(),
                command.address(),
                command.facilityIds(),
                command.imageUrls(),
                command.prices()));
    }

    @CommandHandler
    public SpaceLikes handle(LikeSpace command) {
        if (!likedBy.contains(command.accountId())) {
            apply(new SpaceLiked(spaceId, command.accountId()));
        }
        return likes();
    }

    @CommandHandler
    public SpaceLikes handle(UnlikeSpace command) {
        if (likedBy.contains(command.accountId())) {
            apply(new SpaceUnliked(spaceId, command.accountId()));
        }
        return likes();
    }

    @EventSourcingHandler
    void on(SpaceRegistered event) {
        spaceId = event.spaceId();
    }

    @EventSourcingHandler
    void on(SpaceLiked event) {
        likedBy.add(event.accountId());
    }

    @EventSourcingHandler
    void on(SpaceUnliked event) {
        likedBy.remove(event.accountId());
    }

    private SpaceLikes likes() {
        return new SpaceLikes(spaceId.value(), likedBy.size());
    }

    private static void requireValidPrices(SpacePrices prices) {
        if (prices == null || prices.offered().isEmpty()) {
            throw new BusinessException(
                    BookingError.INVALID_PRICES, "A space must have a price for at least one of DAY, NIGHT, ALL_DAY");
        }
        prices.offered().forEach((option, price) -> {
            if (price < 0 || price > MAX_PRICE) {
                throw new BusinessException(
                        BookingError.INVALID_PRICES,
                        "The %s price must be between 0 and %d KRW, not %d",
                        option,
                        MAX_PRICE,
                        price);
            }
        });
    }
}
