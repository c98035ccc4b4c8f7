package io.hindsight.shop;

import io.hindsight.account.api.AccountId;
import io.hindsight.shop.api.CartId;
import io.hindsight.shop.api.ProductId;
import java.util.Map;

/** The cart as the command side knows it right after a command: quantities per product in adding order. */
public record CartState(CartId cartId, AccountId accountId, boolean checkedOut, Map<ProductId, Integer> lines) {

    public static CartState none(AccountId accountId) {
        return new CartState(null, accountId, false, Map.of());
    }
}
