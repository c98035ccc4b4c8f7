package io.hindsight.snack.guard;

import io.hindsight.account.api.AccountId;
import io.hindsight.common.BusinessException;
import io.hindsight.snack.api.SnackError;
import io.hindsight.snack.api.SnackOrderId;
import io.hindsight.snack.api.SnackOrderLine;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A snack is in at most one order that has not shipped (CREATED, APPROVED or ORDERED):
 * {@code snack_open_request} keys each snack to the order holding it. Of two orders racing for one, the
 * second waits for the first to commit and is refused.
 */
@Repository
public class UnshippedSnackRequests {

    private final JdbcClient jdbc;

    public UnshippedSnackRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Makes the order hold every snack of {@code lines}, or refuses with SNACK_ALREADY_REQUESTED. Claims are
     * taken in snack id order, so two orders sharing several snacks queue on the first shared one instead
     * of deadlocking.
     */
    public void claimOrRefuse(SnackOrderId orderId, AccountId requesterId, Collection<SnackOrderLine> lines) {
        List<SnackOrderLine> ordered = lines.stream()
                .sorted(Comparator.comparing(l -> l.snackId().value()))
                .toList();
        for (SnackOrderLine line : ordered) {
            String holder = jdbc.sql("""
                            INSERT INTO snack_open_request (snack_id, order_id, requester_id)
                            VALUES (:snack, :order, :requester)
                            ON CONFLICT (snack_id) DO UPDATE SET order_id = snack_open_request.order_id
                            RETURNING order_id""")
                    .param("snack", line.snackId().value())
                    .param("order", orderId.value())
                    .param("requester", requesterId.value())
                    .query(String.class)
                    .single();
            if (!holder.equals(orderId.value())) {
                throw new BusinessException(
                        SnackError.SNACK_ALREADY_REQUESTED,
                        "'%s' is already requested in order %s, which has not shipped yet",
                        line.name(),
                        holder);
            }
        }
    }

    /** Lets go of the order's snacks that are not among {@code kept}. */
    public void releaseAllBut(SnackOrderId orderId, Collection<SnackOrderLine> kept) {
        jdbc.sql("DELETE FROM snack_open_request WHERE order_id = :order AND snack_id NOT IN (:kept)")
                .param("order", orderId.value())
                .param("kept", kept.stream().map(l -> l.snackId().value()).toList())
                .update();
    }

    /** The requester's orders that have not shipped, in id order. */
    public List<SnackOrderId> unshippedOrdersOf(AccountId requesterId) {
        return jdbc.sql("""
                        SELECT DISTINCT order_id FROM snack_open_request
                        WHERE requester_id = :requester ORDER BY order_id""")
                .param("requester", requesterId.value())
                .query((rs, n) -> SnackOrderId.of(rs.getString("order_id")))
                .list();
    }

    public void releaseAll(SnackOrderId orderId) {
        jdbc.sql("DELETE FROM snack_open_request WHERE order_id = :order")
                .param("order", orderId.value())
                .update();
    }
}
