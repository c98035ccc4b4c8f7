package io.hindsight.shop;

import io.hindsight.projection.ViewDefinition;
import java.sql.Timestamp;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class ShopViews {

    public static final String PRODUCT = "Product";
    public static final String CART = "Cart";
    public static final String RECEIPT = "Receipt";

    @Bean
    public ViewDefinition<ProductView> shopProductViewDefinition() {
        return ViewDefinition.of(PRODUCT, ProductView.class, new ProductFold(), "shop_product_view")
                .withColumns(view -> Map.of(
                        "active", view.active(),
                        "created_at", Timestamp.from(view.createdAt())));
    }

    @Bean
    public ViewDefinition<CartView> shopCartViewDefinition() {
        return ViewDefinition.of(CART, CartView.class, new CartFold(), "shop_cart_view")
                .withColumns(view -> Map.of(
                        "account_id", view.accountId(),
                        "cart_number", view.number(),
                        "status", view.status().name(),
                        "opened_at", Timestamp.from(view.openedAt())));
    }

    @Bean
    public ViewDefinition<ReceiptView> shopReceiptViewDefinition() {
        return ViewDefinition.of(RECEIPT, ReceiptView.class, new ReceiptFold(), "shop_receipt_view")
                .withColumns(view -> Map.of(
                        "account_id", view.accountId(),
                        "order_number", view.orderNumber(),
                        "ordered_at", Timestamp.from(view.orderedAt())));
    }
}
