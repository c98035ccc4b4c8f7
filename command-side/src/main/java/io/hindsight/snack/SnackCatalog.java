package io.hindsight.snack;

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
 * The command side's registry of snacks: the unique name key, and the price an order copies into its
 * lines. Every method runs in the command's transaction.
 */
@Repository
public class SnackCatalog {

    private final JdbcClient jdbc;

    public SnackCatalog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims the name for the snack and opens its reaction tally, or fails with SNACK_EXISTS. */
    public void register(SnackId snackId, String name, long price, String currency) {
        int inserted = jdbc.sql("""
                        INSERT INTO snack_registry (snack_id, name_key, name, price, currency)
                        VALUES (:id, :key, :name, :price, :currency)
                        ON CONFLICT (name_key) DO NOTHING""")
                .param("id", snackId.value())
                .param("key", SnackNames.key(name))
                .param("name", name)
                .param("price", price)
                .param("currency", currency)
                .update();
        if (inserted == 0) {
            throw new BusinessException(SnackError.SNACK_EXISTS, "A snack named '%s' is already registered", name);
        }
        jdbc.sql("INSERT INTO snack_reaction_tally (snack_id) VALUES (:id)")
                .param("id", snackId.value())
                .update();
    }

    /** The order lines for the items, with each snack's name and current price; unknown snacks are refused. */
    public List<SnackOrderLine> linesFor(List<SnackOrderItem> items) {
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
