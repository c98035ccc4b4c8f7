package io.hindsight.snack;

import io.hindsight.projection.ReadModel;
import io.hindsight.projection.ReadModels;
import io.hindsight.snack.api.SnackEvent;
import io.hindsight.snack.api.SnackOrderEvent;
import io.hindsight.snack.api.SnackReactionEvent;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class SnackReadModels {

    public static final String CATALOG = "snack-catalog";
    public static final String ORDERS = "snack-orders";
    public static final String REACTIONS = "snack-reactions";

    @Bean
    public ReadModel<SnackView> snacks(ReadModels readModels) {
        return readModels
                .define(CATALOG, SnackEvent.class, SnackView.class, new SnackFold())
                .storedIn(
                        "snack_view",
                        view -> Map.of("name", view.name(), "registered_at", Timestamp.from(view.registeredAt())))
                .build();
    }

    @Bean
    public ReadModel<SnackReactionView> snackReactions(
            ReadModels readModels, SnackReactionSets sets, SnackReactionChanges changes) {
        return readModels
                .define(REACTIONS, SnackReactionEvent.class, SnackReactionView.class, new SnackReactionFold())
                .followedBy(sets)
                .followedBy(changes)
                .storedIn("snack_reaction_view", view -> {
                    Map<String, Object> columns = new HashMap<>();
                    columns.put("snack_id", view.snackId());
                    columns.put("account_id", view.accountId());
                    columns.put(
                            "reaction",
                            view.reaction() == null ? null : view.reaction().name());
                    return columns;
                })
                .build();
    }

    @Bean
    public ReadModel<SnackOrderView> snackOrders(ReadModels readModels) {
        return readModels
                .define(ORDERS, SnackOrderEvent.class, SnackOrderView.class, new SnackOrderFold())
                .storedIn(
                        "snack_order_view",
                        view -> Map.of(
                                "requester_id", view.requesterId(),
                                "status", view.status().name(),
                                "created_at", Timestamp.from(view.createdAt()),
                                "created_on", Date.valueOf(createdOn(view)),
                                "snack_quantity", view.snackQuantity()))
                .build();
    }

    /** Orders belong to the UTC day they were created on, in lists and statistics alike. */
    static LocalDate createdOn(SnackOrderView view) {
        return LocalDate.ofInstant(view.createdAt(), ZoneOffset.UTC);
    }
}
