package io.hindsight.store.guard;

import io.hindsight.store.api.StoreOrderId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A payment pays for one order at most: {@code store_payment} keys each provider payment id to the order that
 * took it, claimed in the transaction that places the order. Of two orders racing for one payment, the second
 * waits for the first to commit and is refused.
 */
@Repository
public class PaymentClaims {

    private final JdbcClient jdbc;

    public PaymentClaims(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims the payment for the order; false when another order took it. */
    public boolean claimUnlessTaken(String paymentId, StoreOrderId orderId) {
        String holder = jdbc.sql("""
                        INSERT INTO store_payment (payment_id, order_id) VALUES (:payment, :order)
                        ON CONFLICT (payment_id) DO UPDATE SET order_id = store_payment.order_id
                        RETURNING order_id""")
                .param("payment", paymentId)
                .param("order", orderId.value())
                .query(String.class)
                .single();
        return holder.equals(orderId.value());
    }
}
