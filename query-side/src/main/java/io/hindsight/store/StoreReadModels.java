package io.hindsight.store;

import io.hindsight.projection.ReadModel;
import io.hindsight.projection.ReadModels;
import io.hindsight.store.api.CouponEvent;
import io.hindsight.store.api.StoreEvent;
import io.hindsight.store.api.StoreOrderEvent;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class StoreReadModels {

    public static final String STORES = "store-stores";
    public static final String ORDERS = "store-orders";
    public static final String COUPONS = "store-coupons";

    @Bean
    public ReadModel<StoreView> stores(ReadModels readModels) {
        return readModels
                .define(STORES, StoreEvent.class, StoreView.class, new StoreFold())
                .storedIn(
                        "store_view",
                        view -> Map.of(
                                "merchant_id", view.merchantId(),
                                "name", view.name(),
                                "open", view.open(),
                                "registered_at", Timestamp.from(view.registeredAt())))
                .audited(view -> Map.of(
                        "name", view.name(), "address", view.address(), "open", view.open(), "menu", view.menu()))
                .build();
    }

    @Bean
    public ReadModel<StoreOrderView> storeOrders(ReadModels readModels) {
        return readModels
                .define(ORDERS, StoreOrderEvent.class, StoreOrderView.class, new StoreOrderFold())
                .storedIn(
                        "store_order_view",
                        view -> Map.of(
                                "customer_id", view.customerId(),
                                "store_id", view.storeId(),
                                "kind", view.kind().name(),
                                "status", view.status().name(),
                                "created_at", Timestamp.from(view.createdAt())))
                .audited(view -> {
                    Map<String, Object> fields = new LinkedHashMap<>();
                    fields.put("status", view.status());
                    fields.put("items", view.items());
                    fields.put("amountDue", view.amountDue());
                    fields.put("pointsUsed", view.pointsUsed());
                    fields.put("amountPaid", view.amountPaid());
                    fields.put("paymentId", view.paymentId());
                    fields.put("payments", view.payments());
                    fields.put("reason", view.reason());
                    fields.put("pointsEarned", view.pointsEarned());
                    return fields;
                })
                .build();
    }

    @Bean
    public ReadModel<CouponView> coupons(ReadModels readModels) {
        return readModels
                .define(COUPONS, CouponEvent.class, CouponView.class, new CouponFold())
                .storedIn(
                        "store_coupon_view",
                        view -> Map.of(
                                "recipient_id", view.recipientId(),
                                "status", view.status().name(),
                                "issued_at", Timestamp.from(view.issuedAt())))
                .audited(view -> {
                    Map<String, Object> fields = new LinkedHashMap<>();
                    fields.put("status", view.status());
                    fields.put("recipientId", view.recipientId());
                    fields.put("expiresAt", view.expiresAt());
                    fields.put("orderId", view.orderId());
                    fields.put("reason", view.reason());
                    return fields;
                })
                .build();
    }
}
