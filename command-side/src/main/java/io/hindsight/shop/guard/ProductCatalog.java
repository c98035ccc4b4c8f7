package io.hindsight.shop.guard;

import io.hindsight.command.WriterFirstLocks;
import io.hindsight.common.BusinessException;
import io.hindsight.shop.api.ProductId;
import io.hindsight.shop.api.ShopError;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The command side's own copy of each product's name, price and active flag, written by the product
 * commands in their transaction: a cart takes only products on sale, and prices its checkout here. A change
 * that waits for the carts reading a product goes ahead of the carts that come after it ({@link WriterFirstLocks}),
 * so a product in constant demand can still be taken off sale or repriced.
 */
@Repository
public class ProductCatalog {

    private static final String LOCK_KIND = "product";

    private final JdbcClient jdbc;
    private final WriterFirstLocks locks;

    public ProductCatalog(JdbcClient jdbc, WriterFirstLocks locks) {
        this.jdbc = jdbc;
        this.locks = locks;
    }

    public void put(CatalogEntry entry) {
        locks.beforeWriting(LOCK_KIND, entry.productId().value());
        jdbc.sql("""
                        INSERT INTO shop_product_catalog (product_id, name, price, active)
                        VALUES (:id, :name, :price, :active)
                        ON CONFLICT (product_id) DO UPDATE
                        SET name = excluded.name, price = excluded.price, active = excluded.active""")
                .param("id", entry.productId().value())
                .param("name", entry.name())
                .param("price", entry.price())
                .param("active", entry.active())
                .update();
    }

    /** The product, or a refusal: PRODUCT_NOT_FOUND when it does not exist, PRODUCT_INACTIVE when not sold. */
    public CatalogEntry onSaleOrRefuse(ProductId productId) {
        CatalogEntry product = find(productId)
                .orElseThrow(() -> new BusinessException(ShopError.PRODUCT_NOT_FOUND, "No product %s", productId));
        if (!product.active()) {
            throw new BusinessException(
                    ShopError.PRODUCT_INACTIVE, "Cannot add product %s: it is no longer sold", productId);
        }
        return product;
    }

    /** Share-locks the product's row until the transaction ends: a change of its price or sale waits for the reader. */
    public Optional<CatalogEntry> find(ProductId productId) {
        locks.beforeReading(LOCK_KIND, productId.value());
        return jdbc.sql("SELECT * FROM shop_product_catalog WHERE product_id = :id FOR SHARE")
                .param("id", productId.value())
                .query(ProductCatalog::map)
                .optional();
    }

    /** The products a checkout prices, share-locked like {@link #find}, in one order so checkouts never deadlock. */
    public Map<ProductId, CatalogEntry> findAll(Collection<ProductId> productIds) {
        List<String> ids = productIds.stream().map(ProductId::value).sorted().toList();
        ids.forEach(id -> locks.beforeReading(LOCK_KIND, id));
        return select(ids, " ORDER BY product_id FOR SHARE");
    }

    /** The products as they are now, to show a cart; decides nothing, so locks nothing. */
    public Map<ProductId, CatalogEntry> describeAll(Collection<ProductId> productIds) {
        return select(productIds.stream().map(ProductId::value).toList(), "");
    }

    private Map<ProductId, CatalogEntry> select(List<String> ids, String lockClause) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc
                .sql("SELECT * FROM shop_product_catalog WHERE product_id IN (:ids)" + lockClause)
                .param("ids", ids)
                .query(ProductCatalog::map)
                .list()
                .stream()
                .collect(Collectors.toMap(CatalogEntry::productId, Function.identity()));
    }

    private static CatalogEntry map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new CatalogEntry(
                ProductId.of(rs.getString("product_id")),
                rs.getString("name"),
                rs.getLong("price"),
                rs.getBoolean("active"));
    }

    /** A product as a cart sees it. */
    public record CatalogEntry(ProductId productId, String name, long price, boolean active) {}
}
