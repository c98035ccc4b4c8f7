package io.hindsight.booking;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.hindsight.account.api.AccountId;
import io.hindsight.booking.api.AddSpaceImage;
import io.hindsight.booking.api.BookingError;
import io.hindsight.booking.api.LikeSpace;
import io.hindsight.booking.api.RegisterSpace;
import io.hindsight.booking.api.RelistSpace;
import io.hindsight.booking.api.RemoveSpaceImage;
import io.hindsight.booking.api.ReviseSpace;
import io.hindsight.booking.api.SpaceId;
import io.hindsight.booking.api.SpaceImageAdded;
import io.hindsight.booking.api.SpaceImageRemoved;
import io.hindsight.booking.api.SpaceLiked;
import io.hindsight.booking.api.SpacePrices;
import io.hindsight.booking.api.SpacePricesChanged;
import io.hindsight.booking.api.SpaceRegistered;
import io.hindsight.booking.api.SpaceRelisted;
import io.hindsight.booking.api.SpaceRevised;
import io.hindsight.booking.api.SpaceUnliked;
import io.hindsight.booking.api.SpaceUnlisted;
import io.hindsight.booking.api.UnlikeSpace;
import io.hindsight.booking.api.UnlistSpace;
import io.hindsight.booking.guard.ReferenceData;
import io.hindsight.booking.guard.SpaceLikers;
import io.hindsight.booking.guard.SpaceTerms;
import io.hindsight.command.CommandRole;
import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import io.hindsight.common.LookAlikes;
import io.hindsight.common.WebAddress;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A space a HOST offers, and how many users like it (each at most once: {@link SpaceLikers} keeps who). Only its
 * host revises it, lists or unlists it and manages its uploaded images; to anyone else those commands answer
 * SPACE_NOT_FOUND.
 */
@CommandRole
@Aggregate(filterEventsByType = true)
@Revision("2")
public class Space {

    static final long MAX_PRICE = 100_000_000L;
    static final int MAX_IMAGES = 20;

    @AggregateIdentifier
    private SpaceId spaceId;

    private AccountId hostId;
    private Details details;
    private SpacePrices prices;
    private boolean listed;
    private final List<String> images = new ArrayList<>();
    private int likes;

    protected Space() {}

    @CommandHandler
    public Space(RegisterSpace command, ReferenceData reference, SpaceTerms terms) {
        requireTitle(command.title());
        requireAddress(command.address());
        requireHeadcountRange(command.minCount(), command.maxCount());
        requireValidPrices(command.prices());
        requireWebAddresses(command.imageUrls());
        reference.refuseUnknownCategory(command.categoryId());
        reference.refuseUnknownDistrict(command.districtId());
        reference.refuseUnknownFacilities(command.facilityIds());
        terms.register(new SpaceTerms.Terms(
                command.spaceId(), command.hostId(), command.minCount(), command.maxCount(), command.prices(), true));
        apply(new SpaceRegistered(
                command.spaceId(),
                command.hostId(),
                LookAlikes.trimmed(command.title()),
                LookAlikes.shownOrNull(command.subTitle()),
                command.categoryId(),
                command.districtId(),
                command.minCount(),
                command.maxCount(),
                command.address(),
                command.facilityIds(),
                command.imageUrls(),
                command.prices()));
    }

    /** Only what differs from now is recorded: details in one event, prices in another. */
    @CommandHandler
    public SpaceSnapshot handle(ReviseSpace command, ReferenceData reference, SpaceTerms terms) {
        requireHost(command.requestedBy());
        if (command.changesNothing()) {
            throw new BusinessException(BookingError.NOTHING_TO_CHANGE, "A revision names at least one field");
        }
        Details revised = new Details(
                command.title() == null ? details.title() : LookAlikes.trimmed(command.title()),
                command.subTitle() == null ? details.subTitle() : LookAlikes.shownOrNull(command.subTitle()),
                command.categoryId() == null ? details.categoryId() : command.categoryId(),
                command.districtId() == null ? details.districtId() : command.districtId(),
                command.minCount() == null ? details.minCount() : command.minCount(),
                command.maxCount() == null ? details.maxCount() : command.maxCount(),
                command.address() == null ? details.address() : LookAlikes.trimmed(command.address()),
                command.facilityIds() == null ? details.facilityIds() : command.facilityIds(),
                command.imageUrls() == null ? details.imageUrls() : command.imageUrls());
        SpacePrices newPrices = command.prices() == null ? prices : command.prices();
        requireTitle(revised.title());
        requireAddress(revised.address());
        requireHeadcountRange(revised.minCount(), revised.maxCount());
        requireValidPrices(newPrices);
        if (command.imageUrls() != null) {
            requireWebAddresses(command.imageUrls());
        }
        if (revised.categoryId() != details.categoryId()) {
            reference.refuseUnknownCategory(revised.categoryId());
        }
        if (revised.districtId() != details.districtId()) {
            reference.refuseUnknownDistrict(revised.districtId());
        }
        reference.refuseUnknownFacilities(revised.facilityIds());
        if (revised.minCount() != details.minCount()
                || revised.maxCount() != details.maxCount()
                || !newPrices.equals(prices)) {
            terms.revise(spaceId, revised.minCount(), revised.maxCount(), newPrices);
        }
        if (!revised.equals(details)) {
            apply(new SpaceRevised(
                    spaceId,
                    revised.title(),
                    revised.subTitle(),
                    revised.categoryId(),
                    revised.districtId(),
                    revised.minCount(),
                    revised.maxCount(),
                    revised.address(),
                    revised.facilityIds(),
                    revised.imageUrls()));
        }
        if (!newPrices.equals(prices)) {
            apply(new SpacePricesChanged(spaceId, newPrices, prices));
        }
        return snapshot();
    }

    /** Unlisting an unlisted space (or relisting a listed one) changes nothing. */
    @CommandHandler
    public SpaceSnapshot handle(UnlistSpace command, SpaceTerms terms) {
        requireHost(command.requestedBy());
        if (listed) {
            terms.list(spaceId, false);
            apply(new SpaceUnlisted(spaceId));
        }
        return snapshot();
    }

    @CommandHandler
    public SpaceSnapshot handle(RelistSpace command, SpaceTerms terms) {
        requireHost(command.requestedBy());
        if (!listed) {
            terms.list(spaceId, true);
            apply(new SpaceRelisted(spaceId));
        }
        return snapshot();
    }

    @CommandHandler
    public SpaceSnapshot handle(AddSpaceImage command) {
        requireHost(command.requestedBy());
        if (images.size() >= MAX_IMAGES) {
            throw new BusinessException(
                    BookingError.TOO_MANY_IMAGES,
                    "Cannot add an image to space %s: it has %d, the most a space has",
                    spaceId,
                    images.size());
        }
        apply(new SpaceImageAdded(spaceId, command.imageName(), command.contentType(), command.size()));
        return snapshot();
    }

    @CommandHandler
    public SpaceSnapshot handle(RemoveSpaceImage command) {
        requireHost(command.requestedBy());
        if (!images.contains(command.imageName())) {
            throw new BusinessException(
                    BookingError.IMAGE_NOT_FOUND, "Space %s has no image %s", spaceId, command.imageName());
        }
        apply(new SpaceImageRemoved(spaceId, command.imageName()));
        return snapshot();
    }

    @CommandHandler
    public SpaceLikes handle(LikeSpace command, SpaceLikers likers) {
        if (likers.add(spaceId, command.accountId())) {
            apply(new SpaceLiked(spaceId, command.accountId()));
        } else {
            likers.refuseCountMissingALike(spaceId, AggregateLifecycle.getVersion());
        }
        return likes();
    }

    @CommandHandler
    public SpaceLikes handle(UnlikeSpace command, SpaceLikers likers) {
        if (likers.remove(spaceId, command.accountId())) {
            apply(new SpaceUnliked(spaceId, command.accountId()));
        } else {
            likers.refuseCountMissingALike(spaceId, AggregateLifecycle.getVersion());
        }
        return likes();
    }

    @EventSourcingHandler
    void on(SpaceRegistered event) {
        spaceId = event.spaceId();
        hostId = event.hostId();
        details = new Details(
                event.title(),
                event.subTitle(),
                event.categoryId(),
                event.districtId(),
                event.minCount(),
                event.maxCount(),
                event.address(),
                event.facilityIds(),
                event.imageUrls());
        prices = event.prices();
        listed = true;
    }

    @EventSourcingHandler
    void on(SpaceRevised event) {
        details = new Details(
                event.title(),
                event.subTitle(),
                event.categoryId(),
                event.districtId(),
                event.minCount(),
                event.maxCount(),
                event.address(),
                event.facilityIds(),
                event.imageUrls());
    }

    @EventSourcingHandler
    void on(SpacePricesChanged event) {
        prices = event.prices();
    }

    @EventSourcingHandler
    void on(SpaceUnlisted event) {
        listed = false;
    }

    @EventSourcingHandler
    void on(SpaceRelisted event) {
        listed = true;
    }

    @EventSourcingHandler
    void on(SpaceImageAdded event) {
        images.add(event.imageName());
    }

    @EventSourcingHandler
    void on(SpaceImageRemoved event) {
        images.remove(event.imageName());
    }

    @EventSourcingHandler
    void on(SpaceLiked event) {
        likes++;
    }

    @EventSourcingHandler
    void on(SpaceUnliked event) {
        likes--;
    }

    /** To anyone but its host, the space's management does not exist. */
    private void requireHost(AccountId requestedBy) {
        if (!hostId.equals(requestedBy)) {
            throw new BusinessException(BookingError.SPACE_NOT_FOUND, "There is no space %s", spaceId);
        }
    }

    private SpaceSnapshot snapshot() {
        return new SpaceSnapshot(spaceId.value(), listed, prices, List.copyOf(images));
    }

    private static void requireWebAddresses(List<String> imageUrls) {
        if (imageUrls != null) {
            for (int i = 0; i < imageUrls.size(); i++) {
                WebAddress.require("imageUrls[" + i + "]", imageUrls.get(i));
            }
        }
    }

    private static void requireTitle(String title) {
        if (title == null || LookAlikes.showsNothing(title)) {
            throw new BusinessException(CommonError.VALIDATION_FAILED, "A space needs a title");
        }
    }

    /** An address of only spaces or invisible characters (a zero-width space) shows nothing, like an empty one. */
    private static void requireAddress(String address) {
        if (address == null || LookAlikes.showsNothing(address)) {
            throw new BusinessException(CommonError.VALIDATION_FAILED, "A space needs an address");
        }
    }

    private static void requireHeadcountRange(int minCount, int maxCount) {
        if (minCount < 1 || maxCount < minCount) {
            throw new BusinessException(
                    BookingError.INVALID_HEADCOUNT_RANGE,
                    "A space cannot take %d to %d people: the minimum must be at least 1 and not above the maximum",
                    minCount,
                    maxCount);
        }
    }

    private SpaceLikes likes() {
        return new SpaceLikes(spaceId.value(), likes);
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

    private record Details(
            String title,
            String subTitle,
            int categoryId,
            int districtId,
            int minCount,
            int maxCount,
            String address,
            List<Integer> facilityIds,
            List<String> imageUrls) {}
}
