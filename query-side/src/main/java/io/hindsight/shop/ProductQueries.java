package io.hindsight.shop;

import io.hindsight.common.BusinessException;
import io.hindsight.projection.EventHistory;
import io.hindsight.projection.ViewDefinition;
import io.hindsight.projection.ViewStore;
import io.hindsight.projection.Views;
import io.hindsight.query.Page;
import io.hindsight.query.Paging;
import io.hindsight.shop.api.ProductId;
import io.hindsight.shop.api.ShopError;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** Reads of the catalogue: the product list, product details (now or as of an instant). */
@Service
public class ProductQueries {

    private final ViewStore store;
    private final Views views;
    private final EventHistory history;
    private final ViewDefinition<ProductView> products;
    private final JdbcClient jdbc;

    public ProductQueries(
            ViewStore store, Views views, EventHistory history, ViewDefinition<ProductView> products, JdbcClient jdbc) {
        this.store = store;
        this.views = views;
        this.history = history;
        this.products = products;
        this.jdbc = jdbc;
    }

    /** Products in the order they were created; inactive ones only when asked for. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Page<ProductView> list(boolean includeInactive, Paging paging) {
        String where = includeInactive ? "" : "WHERE active";
        long total = jdbc.sql("SELECT count(*) FROM shop_product_view " + where)
                .query(Long.class)
                .single();
        List<ProductView> items = store.findAll(
                products,
                where + " ORDER BY created_at, aggregate_id LIMIT :limit OFFSET :offset",
                Map.of("limit", paging.limit(), "offset", paging.offset()));
        return Page.of(items, total, paging);
    }

    public ProductView detail(ProductId productId, Instant asOf) {
        Optional<ProductView> view = asOf == null
                ? views.current(products, productId.value())
                : history.asOf(products, productId.value(), asOf);
        return view.orElseThrow(() -> new BusinessException(
                ShopError.PRODUCT_NOT_FOUND,
                asOf == null ? "No product %s" : "No product %s existed at %s",
                productId,
                asOf));
    }

    /**
     * The products with these ids as they are now, including changes the projection has not folded yet
     * (or as they were at {@code asOf}); unknown ids are left out.
     */
    public Map<String, ProductView> byId(Collection<String> productIds, Instant asOf) {
        Map<String, ProductView> found = new HashMap<>();
        for (String productId : productIds) {
            Optional<ProductView> view =
                    asOf == null ? views.current(products, productId) : history.asOf(products, productId, asOf);
            view.ifPresent(v -> found.put(productId, v));
        }
        return found;
    }
}
