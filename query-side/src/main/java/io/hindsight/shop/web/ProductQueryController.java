package io.hindsight.shop.web;

import io.hindsight.common.AuthenticatedAccount;
import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import io.hindsight.common.PublicEndpoint;
import io.hindsight.projection.ReadsProjection;
import io.hindsight.query.Page;
import io.hindsight.query.Paging;
import io.hindsight.query.QueryRole;
import io.hindsight.shop.ProductQueries;
import io.hindsight.shop.ProductView;
import io.hindsight.shop.ShopReadModels;
import io.hindsight.shop.api.ProductId;
import io.hindsight.shop.web.ShopResponses.ProductSummary;
import java.time.Instant;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@QueryRole
@RestController
@RequestMapping("/api/products")
public class ProductQueryController {

    private final ProductQueries queries;

    public ProductQueryController(ProductQueries queries) {
        this.queries = queries;
    }

    /** Products on sale; an ADMIN may ask for the inactive ones too. */
    @PublicEndpoint
    @ReadsProjection(ShopReadModels.PRODUCTS)
    @GetMapping
    public Page<ProductSummary> list(
            @AuthenticationPrincipal AuthenticatedAccount me,
            @RequestParam(required = false) Integer offset,
            @RequestParam(required = false) Integer limit,
            @RequestParam(defaultValue = "false") boolean includeInactive) {
        Paging paging = Paging.of(offset, limit);
        if (includeInactive && me == null) {
            throw new BusinessException(CommonError.UNAUTHENTICATED, "Log in as an ADMIN to see products not on sale");
        }
        if (includeInactive && !me.isAdmin()) {
            throw new BusinessException(CommonError.FORBIDDEN, "Only an ADMIN sees products that are not on sale");
        }
        return queries.list(includeInactive, paging).map(ProductSummary::of);
    }

    /** A product now, or as it was at {@code asOf}; a product that is no longer sold is still shown. */
    @PublicEndpoint
    @GetMapping("/{productId}")
    public ProductView detail(@PathVariable String productId, @RequestParam(required = false) Instant asOf) {
        return queries.detail(ProductId.parse(productId), asOf);
    }
}
