package io.hindsight.shop;

import io.hindsight.common.BusinessException;
import io.hindsight.projection.ReadModel;
import io.hindsight.projection.Where;
import io.hindsight.query.Page;
import io.hindsight.query.Paging;
import io.hindsight.shop.api.ProductId;
import io.hindsight.shop.api.ShopError;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Reads of the catalogue: the product list, product details (now or as of an instant). */
@Service
public class ProductQueries {

    private final ReadModel<ProductView> products;

    public ProductQueries(ReadModel<ProductView> products) {
        this.products = products;
    }

    /** Products in the order they were created; inactive ones only when asked for. */
    public Page<ProductView> list(boolean includeInactive, Paging paging) {
        Where where = includeInactive ? Where.all() : Where.is("active", true);
        return products.page(where, "created_at, aggregate_id", paging);
    }

    public ProductView detail(ProductId productId, Instant asOf) {
        return products.find(productId.value(), asOf)
                .orElseThrow(() -> new BusinessException(
                        ShopError.PRODUCT_NOT_FOUND,
                        asOf == null ? "No product %s" : "No product %s existed at %s",
                        productId,
                        asOf));
    }

    /**
     * The products with these ids as they are now, including changes the projection has not folded yet (or
     * as they were at {@code asOf}); unknown ids are left out.
     */
    public Map<String, ProductView> byId(Collection<String> productIds, Instant asOf) {
        return products.findAll(productIds, asOf);
    }
}
