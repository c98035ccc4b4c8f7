package io.hindsight.snack;

import io.hindsight.projection.ViewDefinition;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class SnackViews {

    public static final String SNACK = "Snack";
    public static final String SNACK_REACTION = "SnackReaction";
    public static final String SNACK_ORDER = "SnackOrder";

    @Bean
    public ViewDefinition<SnackView> snackViewDefinition() {
        return ViewDefinition.of(SNACK, SnackView.class, new SnackFold(), "snack_view")
                .withColumns(view -> Map.of("name", view.name(), "registered_at", Timestamp.from(view.registeredAt())));
    }

    @Bean
    public ViewDefinition<SnackReactionView> snackReactionViewDefinition() {
        return ViewDefinition.of(
                        SNACK_REACTION, SnackReactionView.class, new SnackReactionFold(), "snack_reaction_view")
                .withColumns(view -> {
                    Map<String, Object> columns = new HashMap<>();
                    columns.put("snack_id", view.snackId());
                    columns.put("account_id", view.accountId());
                    columns.put(
                            "reaction",
                            view.reaction() == null ? null : view.reaction().name());
                    return columns;
                });
    }

    @Bean
    public ViewDefinition<SnackOrderView> snackOrderViewDefinition() {
        return ViewDefinition.of(SNACK_ORDER, SnackOrderView.class, new SnackOrderFold(), "snack_order_view")
                .withColumns(view -> Map.of(
                        "requester_id", view.requesterId(),
                        "status", view.status().name(),
                        "created_at", Timestamp.from(view.createdAt()),
                        "created_on", Date.valueOf(createdOn(view)),
                        "snack_quantity", view.snackQuantity()));
    }

    /** Orders belong to the UTC day they were created on, in lists and statistics alike. */
    static LocalDate createdOn(SnackOrderView view) {
        return LocalDate.ofInstant(view.createdAt(), ZoneOffset.UTC);
    }
}
