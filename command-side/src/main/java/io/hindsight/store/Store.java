package io.hindsight.store;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.hindsight.account.api.AccountId;
import io.hindsight.account.api.ProfileFields;
import io.hindsight.account.api.Role;
import io.hindsight.account.api.SignUp;
import io.hindsight.account.api.SignUpMethod;
import io.hindsight.command.CommandRole;
import io.hindsight.command.Commands;
import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import io.hindsight.common.LookAlikes;
import io.hindsight.ledger.api.LedgerAccountId;
import io.hindsight.ledger.api.OpenLedgerAccount;
import io.hindsight.store.api.AddMenuItem;
import io.hindsight.store.api.ChangeMenuItem;
import io.hindsight.store.api.CloseStore;
import io.hindsight.store.api.MenuId;
import io.hindsight.store.api.MenuItemAdded;
import io.hindsight.store.api.MenuItemChanged;
import io.hindsight.store.api.OpenStore;
import io.hindsight.store.api.RegisterMerchant;
import io.hindsight.store.api.StoreClosed;
import io.hindsight.store.api.StoreCommand;
import io.hindsight.store.api.StoreError;
import io.hindsight.store.api.StoreId;
import io.hindsight.store.api.StoreOpened;
import io.hindsight.store.api.StoreRegistered;
import io.hindsight.store.api.StoreRules;
import io.hindsight.store.guard.StoreCatalog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A merchant's store: open or closed, and its menu. Registering it opens the merchant's account and the
 * store's wallet in the same transaction, so a merchant never exists without a store or a store without a
 * wallet. Every change is mirrored in {@link StoreCatalog}, which orders read.
 */
@CommandRole
@Aggregate(filterEventsByType = true)
@Revision("1")
public class Store {

    @AggregateIdentifier
    private StoreId storeId;

    private AccountId merchantId;
    private boolean open;
    private final Map<MenuId, MenuItem> menu = new LinkedHashMap<>();

    protected Store() {}

    @CommandHandler
    public Store(RegisterMerchant command, Commands commands, StoreCatalog catalog) {
        String storeName = requireText(command.storeName(), "storeName", StoreRules.MAX_NAME_LENGTH);
        String address = requireText(command.address(), "address", StoreRules.MAX_ADDRESS_LENGTH);
        commands.send(new SignUp(
                command.merchantId(),
                command.email(),
                command.passwordHash(),
                new ProfileFields(command.name(), null, null),
                Set.of(Role.MEMBER, Role.MERCHANT),
                SignUpMethod.PASSWORD,
                null));
        LedgerAccountId walletId = LedgerAccountId.storeWallet(command.storeId().value());
        commands.send(new OpenLedgerAccount(walletId));
        catalog.register(command.storeId(), command.merchantId());
        apply(new StoreRegistered(command.storeId(), command.merchantId(), storeName, address, walletId));
    }

    @CommandHandler
    public StoreState handle(OpenStore command, StoreCatalog catalog) {
        requireMerchant(command);
        if (!open) {
            catalog.setOpen(storeId, true);
            apply(new StoreOpened(storeId));
        }
        return state();
    }

    @CommandHandler
    public StoreState handle(CloseStore command, StoreCatalog catalog) {
        requireMerchant(command);
        if (open) {
            catalog.setOpen(storeId, false);
            apply(new StoreClosed(storeId));
        }
        return state();
    }

    @CommandHandler
    public MenuItem handle(AddMenuItem command, StoreCatalog catalog) {
        requireMerchant(command);
        // the store's state, not the request, refuses it: a conflict like a full cart, not a malformed item
        if (menu.size() >= StoreRules.MAX_MENU_ITEMS) {
            throw new BusinessException(StoreError.MENU_FULL, "A menu has at most %d items", StoreRules.MAX_MENU_ITEMS);
        }
        if (menu.containsKey(command.menuId())) {
            throw new BusinessException(CommonError.ALREADY_EXISTS, "Menu item %s exists", command.menuId());
        }
        String name = requireText(command.name(), "name", StoreRules.MAX_NAME_LENGTH);
        long price = requirePrice(command.price());
        String description = optionalText(command.description(), "description", StoreRules.MAX_DESCRIPTION_LENGTH);
        catalog.putMenuItem(storeId, command.menuId(), name, price, true);
        apply(new MenuItemAdded(storeId, command.menuId(), name, price, description));
        return menu.get(command.menuId());
    }

    @CommandHandler
    public MenuItem handle(ChangeMenuItem command, StoreCatalog catalog) {
        requireMerchant(command);
        MenuItem item = menu.get(command.menuId());
        if (item == null) {
            throw new BusinessException(
                    StoreError.MENU_NOT_FOUND, "Store %s has no menu item %s", storeId, command.menuId());
        }
        if (command.name() == null
                && command.price() == null
                && command.description() == null
                && command.available() == null) {
            throw new BusinessException(
                    StoreError.NOTHING_TO_CHANGE, "Send at least one of name, price, description, available");
        }
        MenuItem changed = new MenuItem(
                item.menuId(),
                command.name() == null ? item.name() : requireText(command.name(), "name", StoreRules.MAX_NAME_LENGTH),
                command.price() == null ? item.price() : requirePrice(command.price()),
                command.description() == null
                        ? item.description()
                        : optionalText(command.description(), "description", StoreRules.MAX_DESCRIPTION_LENGTH),
                command.available() == null ? item.available() : command.available());
        if (changed.equals(item)) {
            // what is so already (a retried change, an item made unavailable twice): a no-op, not an error
            return item;
        }
        catalog.putMenuItem(storeId, changed.menuId(), changed.name(), changed.price(), changed.available());
        apply(new MenuItemChanged(
                storeId,
                changed.menuId(),
                changed.name(),
                changed.price(),
                changed.description(),
                changed.available()));
        return changed;
    }

    @EventSourcingHandler
    void on(StoreRegistered event) {
        storeId = event.storeId();
        merchantId = event.merchantId();
        open = false;
    }

    @EventSourcingHandler
    void on(StoreOpened event) {
        open = true;
    }

    @EventSourcingHandler
    void on(StoreClosed event) {
        open = false;
    }

    @EventSourcingHandler
    void on(MenuItemAdded event) {
        menu.put(event.menuId(), new MenuItem(event.menuId(), event.name(), event.price(), event.description(), true));
    }

    @EventSourcingHandler
    void on(MenuItemChanged event) {
        menu.put(
                event.menuId(),
                new MenuItem(event.menuId(), event.name(), event.price(), event.description(), event.available()));
    }

    /** Another merchant's store does not exist for them. */
    private void requireMerchant(StoreCommand command) {
        if (!merchantId.equals(command.merchantId())) {
            throw command.notFound();
        }
    }

    private StoreState state() {
        return new StoreState(storeId.value(), open);
    }

    static String requireText(String text, String field, int maxLength) {
        if (text == null
                || LookAlikes.showsNothing(text)
                || LookAlikes.trimmed(text).length() > maxLength) {
            throw new BusinessException(
                    CommonError.VALIDATION_FAILED, "%s is required, at most %d characters", field, maxLength);
        }
        return LookAlikes.trimmed(text);
    }

    /**
     * An optional text that shows nothing - blank, or only invisible characters such as a zero-width space - is
     * absent, as an empty one is: it had been refused as "required" though the field is optional.
     */
    static String optionalText(String text, String field, int maxLength) {
        if (text == null || LookAlikes.showsNothing(text)) {
            return null;
        }
        return requireText(text, field, maxLength);
    }

    private static long requirePrice(long price) {
        if (price < 0 || price > StoreRules.MAX_PRICE) {
            throw new BusinessException(
                    CommonError.VALIDATION_FAILED, "A price is between 0 and %d, not %d", StoreRules.MAX_PRICE, price);
        }
        return price;
    }

    /** The store's open flag right after a command. */
    public record StoreState(String storeId, boolean open) {}

    /** A menu item right after a command. */
    public record MenuItem(MenuId menuId, String name, long price, String description, boolean available) {}
}
