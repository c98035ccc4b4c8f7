package io.hindsight.snack.guard;

import io.hindsight.common.BusinessException;
import io.hindsight.snack.api.SnackError;
import io.hindsight.snack.api.SnackId;
import io.hindsight.snack.api.SnackOrderItem;
import io.hindsight.snack.api.SnackOrderLine;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * An order lists only registered snacks that are not retired, and copies each one's name and price at that
 * moment into its lines. Reads and writes {@code snack_registry} in the command's transaction.
 */
@Repository
public class SnackCatalog {

    private final JdbcClient jdbc;

    public SnackCatalog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The order lines for the items, with each snack's name and current price; unknown and retired snacks
     * are refused. The rows are read FOR SHARE, so a retirement or a price correction running at the same
     * time comes wholly before this order (which then sees it) or wholly after it.
     */
    public List<SnackOrderLine> linesOrRefuse(List<SnackOrderItem> items) {
        Map<String, RegisteredSnack> found =
                find(items.stream().map(item -> item.snackId().value()).toList());
        return items.stream()
                .map(item -> {
                    RegisteredSnack snack = found.get(item.snackId().value());
                    if (snack == null) {
                        throw new BusinessException(
                                SnackError.UNKNOWN_SNACK, "No snack %s is registered", item.snackId());
                    }
                    if (snack.retired()) {
                        throw new BusinessException(
                                SnackError.SNACK_RETIRED,
                                "'%s' is retired and can no longer be requested",
                                snack.name());
                    }
                    return new SnackOrderLine(
                            item.snackId(), snack.name(), item.quantity(), snack.price(), snack.currency());
                })
                .toList();
    }

    /** Orders placed from now on copy this price. */
    public void reprice(SnackId snackId, long price) {
        jdbc.sql("UPDATE snack_registry SET price = :price WHERE snack_id = :id")
                .param("id", snackId.value())
                .param("price", price)
                .update();
    }

    public void retire(SnackId snackId) {
        jdbc.sql("UPDATE snack_registry SET retired = true WHERE snack_id = :id")
                .param("id", snackId.value())
                .update();
    }

    private Map<String, RegisteredSnack> find(Collection<String> snackIds) {
        return jdbc
                .sql("SELECT snack_id, name, price, currency, retired FROM snack_registry WHERE snack_id IN (:ids)"
                        + " ORDER BY snack_id FOR SHARE")
                .param("ids", snackIds)
                .query((rs, n) -> new RegisteredSnack(
                        rs.getString("snack_id"),
                        rs.getString("name"),
                        rs.getLong("price"),
                        rs.getString("currency").trim(),
                        rs.getBoolean("retired")))
                .list()
                .stream()
                .collect(Collectors.toMap(RegisteredSnack::snackId, Function.identity()));
    }

    private record RegisteredSnack(String snackId, String name, long price, String currency, boolean retired) {}
}
