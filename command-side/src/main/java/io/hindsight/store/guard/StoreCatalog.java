package io.hindsight.store.guard;

import io.hindsight.account.api.AccountId;
import io.hindsight.command.WriterFirstLocks;
import io.hindsight.common.BusinessException;
import io.hindsight.store.api.MenuId;
import io.hindsight.store.api.OrderItem;
import io.hindsight.store.api.StoreError;
import io.hindsight.store.api.StoreId;
import io.hindsight.store.api.StoreOrderLine;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Orders are taken only from open stores, for menu items that are available, at the price of the moment:
 * {@code store_catalog_store} and {@code store_catalog_menu}, written by the store's commands in their
 * transaction. An order share-locks its store's row while it reads, so a store that closes meanwhile either
 * closed before (the order is refused) or waits until the order is taken; a closing that waits goes ahead of the
 * orders that come after it ({@link WriterFirstLocks}), so a busy store can still close.
 */
@Repository
public class StoreCatalog {

    private static final String LOCK_KIND = "store";

    private final JdbcClient jdbc;
    private final WriterFirstLocks locks;

    public StoreCatalog(JdbcClient jdbc, WriterFirstLocks locks) {
        this.jdbc = jdbc;
        this.locks = locks;
    }

    public void register(StoreId storeId, AccountId merchantId) {
        jdbc.sql("INSERT INTO store_catalog_store (store_id, merchant_id, open) VALUES (:store, :merchant, false)")
                .param("store", storeId.value())
                .param("merchant", merchantId.value())
                .update();
    }

    public void setOpen(StoreId storeId, boolean open) {
        locks.beforeWriting(LOCK_KIND, storeId.value());
        jdbc.sql("UPDATE store_catalog_store SET open = :open WHERE store_id = :store")
                .param("store", storeId.value())
                .param("open", open)
                .update();
    }

    /** The stores of a merchant that take orders, their rows locked until the transaction ends. */
    public List<StoreId> openStoresOf(AccountId merchantId) {
        jdbc.sql("SELECT store_id FROM store_catalog_store WHERE merchant_id = :merchant AND open ORDER BY store_id")
                .param("merchant", merchantId.value())
                .query(String.class)
                .list()
                .forEach(storeId -> locks.beforeWriting(LOCK_KIND, storeId));
        return jdbc.sql("SELECT store_id FROM store_catalog_store WHERE merchant_id = :merchant AND open FOR UPDATE")
                .param("merchant", merchantId.value())
                .query((rs, n) -> StoreId.of(rs.getString("store_id")))
                .list();
    }

    /** The store's merchant, which never changes: read without the store's lock. */
    public Optional<AccountId> merchantOf(StoreId storeId) {
        return jdbc.sql("SELECT merchant_id FROM store_catalog_store WHERE store_id = :store")
                .param("store", storeId.value())
                .query((rs, n) -> AccountId.of(rs.getString("merchant_id")))
                .optional();
    }

    /** Whether the store takes orders now; share-locks its row like an order does. */
    public boolean isOpen(StoreId storeId) {
        locks.beforeReading(LOCK_KIND, storeId.value());
        return jdbc.sql("SELECT open FROM store_catalog_store WHERE store_id = :store FOR SHARE")
                .param("store", storeId.value())
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    /**
     * Takes the store's lock as a closing does, before the row and before the change's event is stamped: an order
     * being taken meanwhile holds it shared, so a new price or an item made unavailable waits for that order, and
     * the orders after it wait for the change. Unlocked, an order read the old price (or the item still available)
     * while the change committed, and its event was stamped after the change's: as of any instant between them the
     * menu showed the new price, or the item unavailable, for an order taken at the old one.
     */
    public void putMenuItem(StoreId storeId, MenuId menuId, String name, long price, boolean available) {
        locks.beforeWriting(LOCK_KIND, storeId.value());
        jdbc.sql("""
                        INSERT INTO store_catalog_menu (menu_id, store_id, name, price, available)
                        VALUES (:menu, :store, :name, :price, :available)
                        ON CONFLICT (menu_id) DO UPDATE SET name = excluded.name, price = excluded.price,
                            available = excluded.available""")
                .param("menu", menuId.value())
                .param("store", storeId.value())
                .param("name", name)
                .param("price", price)
                .param("available", available)
                .update();
    }

    /**
     * The order lines for the items at today's prices, with the store's merchant; refuses an unknown or closed
     * store (STORE_NOT_FOUND, STORE_CLOSED), a menu item the store does not have (UNKNOWN_MENU) and one that is
     * unavailable (MENU_UNAVAILABLE).
     */
    public Terms linesOrRefuse(StoreId storeId, List<OrderItem> items, boolean mustBeOpen) {
        AccountId merchant = merchantOfOrRefuse(storeId, mustBeOpen);
        Map<String, MenuRow> menu = jdbc
                .sql("""
                        SELECT menu_id, name, price, available FROM store_catalog_menu
                        WHERE store_id = :store AND menu_id IN (:ids)""")
                .param("store", storeId.value())
                .param("ids", items.stream().map(i -> i.menuId().value()).toList())
                .query((rs, n) -> new MenuRow(
                        rs.getString("menu_id"), rs.getString("name"), rs.getLong("price"), rs.getBoolean("available")))
                .list()
                .stream()
                .collect(Collectors.toMap(MenuRow::menuId, Function.identity()));
        List<StoreOrderLine> lines = items.stream()
                .map(item -> {
                    MenuRow row = menu.get(item.menuId().value());
                    if (row == null) {
                        throw new BusinessException(
                                StoreError.UNKNOWN_MENU, "Store %s has no menu item %s", storeId, item.menuId());
                    }
                    if (!row.available()) {
                        throw new BusinessException(
                                StoreError.MENU_UNAVAILABLE, "'%s' is not available right now", row.name());
                    }
                    return new StoreOrderLine(item.menuId(), row.name(), row.price(), item.quantity());
                })
                .toList();
        return new Terms(merchant, lines);
    }

    private AccountId merchantOfOrRefuse(StoreId storeId, boolean mustBeOpen) {
        locks.beforeReading(LOCK_KIND, storeId.value());
        StoreRow store = jdbc.sql("SELECT merchant_id, open FROM store_catalog_store WHERE store_id = :store FOR SHARE")
                .param("store", storeId.value())
                .query((rs, n) -> new StoreRow(AccountId.of(rs.getString("merchant_id")), rs.getBoolean("open")))
                .optional()
                .orElseThrow(() -> new BusinessException(StoreError.STORE_NOT_FOUND, "There is no store %s", storeId));
        if (mustBeOpen && !store.open()) {
            throw new BusinessException(StoreError.STORE_CLOSED, "Store %s is closed", storeId);
        }
        return store.merchantId();
    }

    /** What an order is taken on: the store's merchant and the lines at today's prices. */
    public record Terms(AccountId merchantId, List<StoreOrderLine> lines) {

        public long total() {
            return lines.stream().mapToLong(StoreOrderLine::lineTotal).sum();
        }
    }

    private record StoreRow(AccountId merchantId, boolean open) {}

    private record MenuRow(String menuId, String name, long price, boolean available) {}
}
