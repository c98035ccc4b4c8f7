package io.hindsight.snack;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.hindsight.command.CommandRole;
import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import io.hindsight.snack.api.RegisterSnack;
import io.hindsight.snack.api.SnackId;
import io.hindsight.snack.api.SnackRegistered;
import io.hindsight.snack.api.SnackRules;
import io.hindsight.snack.guard.SnackNames;
import io.hindsight.snack.guard.SnackReactionTally;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Currency;
import java.util.Locale;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** A snack members can request and react to; its name is unique across all snacks ever registered. */
@CommandRole
@Aggregate(filterEventsByType = true)
public class Snack {

    private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");

    @AggregateIdentifier
    private SnackId snackId;

    protected Snack() {}

    @CommandHandler
    public Snack(RegisterSnack command, SnackNames names, SnackReactionTally tally) {
        if (command.name() == null || command.name().isBlank()) {
            throw new BusinessException(CommonError.VALIDATION_FAILED, "A snack needs a name");
        }
        if (command.price() < 0 || command.price() > SnackRules.MAX_PRICE) {
            throw new BusinessException(
                    CommonError.VALIDATION_FAILED,
                    "A price must be between 0 and %d, not %d",
                    SnackRules.MAX_PRICE,
                    command.price());
        }
        String currency = currencyCode(command.currency());
        String url = webAddress("url", command.url(), true);
        String imageUrl = webAddress("imageUrl", command.imageUrl(), false);
        String name = SnackNames.clean(command.name());
        names.claimOrRefuse(command.snackId(), name, command.price(), currency);
        tally.open(command.snackId());
        apply(new SnackRegistered(
                command.snackId(),
                name,
                url,
                blankToNull(command.description()),
                imageUrl,
                command.price(),
                currency,
                command.registeredBy()));
    }

    @EventSourcingHandler
    void on(SnackRegistered event) {
        snackId = event.snackId();
    }

    private static String currencyCode(String code) {
        String upper = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
        try {
            if (CURRENCY_CODE.matcher(upper).matches() && Currency.getInstance(upper) != null) {
                return upper;
            }
        } catch (IllegalArgumentException unknown) {
            // falls through to the refusal below
        }
        throw new BusinessException(CommonError.VALIDATION_FAILED, "'%s' is not an ISO 4217 currency code", code);
    }

    /** Only absolute http(s) addresses: anything else (javascript:, data:, relative paths) is refused. */
    private static String webAddress(String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw new BusinessException(CommonError.VALIDATION_FAILED, "A snack needs a %s", field);
            }
            return null;
        }
        String trimmed = value.strip();
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return trimmed;
            }
        } catch (URISyntaxException malformed) {
            // falls through to the refusal below
        }
        throw new BusinessException(CommonError.VALIDATION_FAILED, "%s must be an absolute http(s) address", field);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
