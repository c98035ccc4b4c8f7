package io.hindsight.snack;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.hindsight.account.api.AccountId;
import io.hindsight.command.CommandRole;
import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import io.hindsight.common.LookAlikes;
import io.hindsight.common.MetadataKeys;
import io.hindsight.common.WebAddress;
import io.hindsight.snack.api.CorrectSnack;
import io.hindsight.snack.api.RegisterSnack;
import io.hindsight.snack.api.RetireSnack;
import io.hindsight.snack.api.SnackCorrected;
import io.hindsight.snack.api.SnackError;
import io.hindsight.snack.api.SnackId;
import io.hindsight.snack.api.SnackRegistered;
import io.hindsight.snack.api.SnackRetired;
import io.hindsight.snack.api.SnackRules;
import io.hindsight.snack.guard.SnackCatalog;
import io.hindsight.snack.guard.SnackNames;
import io.hindsight.snack.guard.SnackReactionTally;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A snack members can request and react to; its name is unique across all snacks ever registered. The member
 * who registered it or an ADMIN corrects its price and addresses; an ADMIN retires it from new requests.
 */
@CommandRole
@Aggregate(filterEventsByType = true)
@Revision("1")
public class Snack {

    @AggregateIdentifier
    private SnackId snackId;

    private AccountId registeredBy;
    private long price;
    private String url;
    private String description;
    private String imageUrl;
    private boolean retired;

    protected Snack() {}

    @CommandHandler
    public Snack(RegisterSnack command, SnackNames names, SnackReactionTally tally) {
        if (command.name() == null || LookAlikes.showsNothing(command.name())) {
            throw new BusinessException(CommonError.VALIDATION_FAILED, "A snack needs a name");
        }
        if (LookAlikes.reordersText(command.name())) {
            throw new BusinessException(
                    CommonError.VALIDATION_FAILED,
                    "A snack's name cannot hold a control that reorders text (U+202A-U+202E, U+2066-U+2069)");
        }
        validPrice(command.price());
        String currency = SnackRules.priceCurrency(command.currency());
        String url = webAddress("url", command.url(), true);
        String imageUrl = webAddress("imageUrl", command.imageUrl(), false);
        String name = SnackNames.clean(command.name());
        names.claimOrRefuse(command.snackId(), name, command.price(), currency);
        tally.open(command.snackId());
        apply(new SnackRegistered(
                command.snackId(),
                name,
                url,
                LookAlikes.shownOrNull(command.description()),
                imageUrl,
                command.price(),
                currency,
                command.registeredBy()));
    }

    @CommandHandler
    public SnackState handle(CorrectSnack command, SnackCatalog catalog) {
        if (!command.byAdmin() && !command.correctedBy().equals(registeredBy)) {
            throw new BusinessException(
                    CommonError.FORBIDDEN, "Only the member who registered snack %s or an ADMIN corrects it", snackId);
        }
        if (command.price() == null
                && command.url() == null
                && command.description() == null
                && command.imageUrl() == null) {
            throw new BusinessException(
                    SnackError.NOTHING_TO_CHANGE, "A correction names a price, url, description or imageUrl");
        }
        long newPrice = command.price() == null ? price : validPrice(command.price());
        String newUrl = command.url() == null ? url : webAddress("url", command.url(), true);
        String newDescription =
                command.description() == null ? description : LookAlikes.shownOrNull(command.description());
        String newImageUrl = command.imageUrl() == null ? imageUrl : webAddress("imageUrl", command.imageUrl(), false);
        if (newPrice != price
                || !Objects.equals(newUrl, url)
                || !Objects.equals(newDescription, description)
                || !Objects.equals(newImageUrl, imageUrl)) {
            if (newPrice != price) {
                catalog.reprice(snackId, newPrice);
            }
            apply(new SnackCorrected(snackId, newPrice, newUrl, newDescription, newImageUrl));
        }
        return state();
    }

    @CommandHandler
    public SnackState handle(RetireSnack command, SnackCatalog catalog) {
        if (!retired) {
            catalog.retire(snackId);
            apply(new SnackRetired(snackId));
        }
        return state();
    }

    @EventSourcingHandler
    void on(SnackRegistered event, @MetaDataValue(MetadataKeys.ACTOR_ID) String actorId) {
        snackId = event.snackId();
        registeredBy =
                event.registeredBy() != null ? event.registeredBy() : actorId == null ? null : AccountId.of(actorId);
        price = event.price();
        url = event.url();
        description = event.description();
        imageUrl = event.imageUrl();
    }

    @EventSourcingHandler
    void on(SnackCorrected event) {
        price = event.price();
        url = event.url();
        description = event.description();
        imageUrl = event.imageUrl();
    }

    @EventSourcingHandler
    void on(SnackRetired event) {
        retired = true;
    }

    private SnackState state() {
        return new SnackState(snackId.value(), url, description, imageUrl, price, retired);
    }

    private static long validPrice(long price) {
        if (price < 0 || price > SnackRules.MAX_PRICE) {
            throw new BusinessException(
                    CommonError.VALIDATION_FAILED,
                    "A price must be between 0 and %d, not %d",
                    SnackRules.MAX_PRICE,
                    price);
        }
        return price;
    }

    /** Only absolute http(s) addresses: anything else (javascript:, data:, relative paths) is refused. */
    private static String webAddress(String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw new BusinessException(CommonError.VALIDATION_FAILED, "A snack needs a %s", field);
            }
            return null;
        }
        return WebAddress.require(field, value);
    }
}
