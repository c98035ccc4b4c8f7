package io.hindsight.audit;

import java.util.List;

/**
 * What the audit search looks through: one entry per kind of object, naming its read model and the SQL
 * expressions over that model's table (or a follower's table) that give its aggregate id, a label, a detail,
 * the columns matched exactly or by substring, and the column holding its owner's account id. Expressions
 * come from this code only; the query is always a bound parameter. A new context adds one line; an entry
 * whose read model this node does not run is skipped.
 */
final class SearchableKinds {

    static final String ACCOUNT = "account";
    private static final String PRICE = "(view->>'price') || ' ' || (view->>'currency')";

    static final List<SearchableKind> ALL = List.of(
            kind(ACCOUNT, "accounts").labelled("name", "email").containing("email", "name", "nickname"),
            kind("product", "shop-products").labelled("view->>'name'", PRICE).containing("view->>'name'"),
            kind("cart", "shop-carts")
                    .labelled("'Cart #' || cart_number", "status")
                    .ownedBy("account_id"),
            kind("receipt", "shop-receipts")
                    .labelled("'Order ' || order_number", "ordered_at::text")
                    .exactly("order_number")
                    .ownedBy("account_id"),
            kind("space", "booking-spaces")
                    .labelled("view->>'title'", "view->>'address'")
                    .containing("view->>'title'")
                    .ownedBy("host_id"),
            kind("booking", "booking-slots")
                    .from("booking_entry", "slot_id")
                    .labelled("'Booking ' || option || ' on ' || slot_date", "status")
                    .exactly("booking_id")
                    .ownedBy("guest_id"),
            kind("snack", "snack-catalog").labelled("name", PRICE).containing("name"),
            kind("snack order", "snack-orders")
                    .labelled("'Snack order of ' || created_on", "status")
                    .ownedBy("requester_id"),
            kind("campaign", "funding-campaigns")
                    .labelled("view->>'title'", "status")
                    .containing("view->>'title'")
                    .ownedBy("publisher_id"),
            kind("ledger account", "ledger-accounts")
                    .labelled("kind || ' ' || aggregate_id", "owner_id")
                    .exactly("owner_id")
                    .ownedBy("owner_id"),
            kind("transfer", "ledger-transfers").labelled("kind || ' ' || status", "created_at::text"),
            kind("store", "store-stores")
                    .labelled("name", "view->>'address'")
                    .containing("name")
                    .ownedBy("merchant_id"),
            kind("store order", "store-orders")
                    .labelled("'Store order (' || kind || ')'", "status")
                    .ownedBy("customer_id"),
            kind("coupon", "store-coupons").labelled("'Coupon'", "status").ownedBy("recipient_id"));

    private SearchableKinds() {}

    private static SearchableKind kind(String kind, String readModel) {
        return new SearchableKind(
                kind, readModel, null, "aggregate_id", "aggregate_id", "''", List.of(), List.of(), null);
    }

    /**
     * {@code table} is null for the read model's own table. {@code id} is the aggregate to open; it is always
     * matched exactly, like {@code exact}; {@code containing} match a substring, case-insensitively.
     */
    record SearchableKind(
            String kind,
            String readModel,
            String table,
            String id,
            String label,
            String detail,
            List<String> exact,
            List<String> containing,
            String owner) {

        SearchableKind from(String table, String id) {
            return new SearchableKind(kind, readModel, table, id, label, detail, exact, containing, owner);
        }

        SearchableKind labelled(String label, String detail) {
            return new SearchableKind(kind, readModel, table, id, label, detail, exact, containing, owner);
        }

        SearchableKind exactly(String... columns) {
            return new SearchableKind(kind, readModel, table, id, label, detail, List.of(columns), containing, owner);
        }

        SearchableKind containing(String... expressions) {
            return new SearchableKind(kind, readModel, table, id, label, detail, exact, List.of(expressions), owner);
        }

        SearchableKind ownedBy(String column) {
            return new SearchableKind(kind, readModel, table, id, label, detail, exact, containing, column);
        }
    }
}
