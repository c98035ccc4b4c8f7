package io.hindsight.snack.guard;

import io.hindsight.common.BusinessException;
import io.hindsight.snack.api.SnackError;
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
 * An order lists only registered snacks, and copies each one's name and price at that moment into its
 * lines. Reads {@code snack_registry} in the command's transaction.
 */
@Repository
public class SnackCatalog {

    private final JdbcClient jdbc;

    public SnackCatalog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The order lines for the items, with each snack's name and current price; unknown snacks are refused. */
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
                    return new SnackOrderLine(
                            item.snackId(), snack.name(), item.quantity(), snack.price(), snack.currency());
                })
                .toList();
    }

    private Map<String, RegisteredSnack> find(Collection<String> snackIds) {
        return jdbc
                .sql("SELECT snack_id, name, price, currency FROM snack_registry WHERE snack_id IN (:ids)")
                .param("ids", snackIds)
                .query((rs, n) -> new RegisteredSnack(
                        rs.getString("snack_id"),
                        rs.getString("name"),
                        rs.getLong("price"),
                        rs.getString("currency").trim()))
                .list()
                .stream()
                .collect(Collectors.toMap(RegisteredSnack::snackId, Function.identity()));
    }

    private record RegisteredSnack(String snackId, String name, long price, String currency) {}
}
