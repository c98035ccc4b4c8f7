package io.hindsight.shop;

import io.hindsight.projection.ReadModel;
import io.hindsight.projection.ReadModels;
import io.hindsight.shop.api.CartEvent;
import io.hindsight.shop.api.ProductEvent;
import io.hindsight.shop.api.ReceiptEvent;
import java.sql.Timestamp;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class ShopReadModels {

    public static final String PRODUCTS = "shop-products";
    public static final String CARTS = "shop-carts";
    public static final String RECEIPTS = "shop-receipts";

    @Bean
    public ReadModel<ProductView> products(ReadModels readModels) {
        return readModels
                .define(PRODUCTS, ProductEvent.class, ProductView.class, new ProductFold())
                .storedIn(
                        "shop_product_view",
                        view -> Map.of(
                                "active", view.active(),
                                "created_at", Timestamp.from(view.createdAt())))
                .build();
    }

    @Bean
    public ReadModel<CartView> carts(ReadModels readModels) {
        return readModels
                .define(CARTS, CartEvent.class, CartView.class, new CartFold())
                .storedIn(
                        "shop_cart_view",
                        view -> Map.of(
                                "account_id", view.accountId(),
                                "cart_number", view.number(),
                                "status", view.status().name(),
                                "opened_at", Timestamp.from(view.openedAt())))
                .build();
    }

    @Bean
    public ReadModel<ReceiptView> receipts(ReadModels readModels) {
        return readModels
                .define(RECEIPTS, ReceiptEvent.class, ReceiptView.class, new ReceiptFold())
                .storedIn(
                        "shop_receipt_view",
                        view -> Map.of(
                                "account_id", view.accountId(),
                                "order_number", view.orderNumber(),
                                "ordered_at", Timestamp.from(view.orderedAt())))
                .build();
    }
}
