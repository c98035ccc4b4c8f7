package io.hindsight.shop;

import io.hindsight.projection.ReadModelTables;
import io.hindsight.projection.TableProjection;
import io.hindsight.query.QueryRole;
import io.hindsight.shop.api.ReceiptIssued;
import io.hindsight.shop.api.ReceiptLine;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The sales fact table: one row per product per receipt, stamped with the receipt's event time. The
 * statistics are sums over it, so they are as deterministic as the events.
 */
@QueryRole
@Component
@ProcessingGroup(SalesProjection.NAME)
public class SalesProjection extends TableProjection {

    public static final String NAME = "shop-sales";
    static final String TABLE = "shop_sales_line";

    private final JdbcClient jdbc;

    public SalesProjection(JdbcClient jdbc, ReadModelTables tables) {
        super(NAME, tables, TABLE);
        this.jdbc = jdbc;
    }

    /** Each line is inserted at most once, so a redelivered receipt adds nothing. */
    @EventHandler
    void on(ReceiptIssued receipt, @Timestamp Instant orderedAt) {
        for (ReceiptLine line : receipt.lines()) {
            jdbc.sql("""
                            INSERT INTO shop_sales_line (receipt_id, product_id, ordered_at, product_name, quantity, revenue)
                            VALUES (:receipt, :product, :at, :name, :quantity, :revenue)
                            ON CONFLICT DO NOTHING""")
                    .param("receipt", receipt.receiptId().value())
                    .param("product", line.productId().value())
                    .param("at", java.sql.Timestamp.from(orderedAt))
                    .param("name", line.name())
                    .param("quantity", line.quantity())
                    .param("revenue", line.lineTotal())
                    .update();
        }
    }
}
