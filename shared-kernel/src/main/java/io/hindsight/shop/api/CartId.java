package io.hindsight.shop.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.hindsight.account.api.AccountId;
import io.hindsight.common.AsciiCase;
import io.hindsight.common.BusinessException;
import java.util.Objects;

/**
 * Identifies a cart as the n-th cart of an account ({@code cart-<accountId>-<n>}). Because the id follows
 * from the owner and the number, two first adds race for the same event stream, and the read side can
 * find the newest cart of an account in the event store before its projection has caught up.
 */
public record CartId(String value) {

    private static final String PREFIX = "cart-";

    public CartId {
        Objects.requireNonNull(value, "cart id");
    }

    public static CartId of(AccountId accountId, long number) {
        if (number < 1) {
            throw new IllegalArgumentException("Cart numbers start at 1, not " + number);
        }
        return new CartId(PREFIX + accountId.value() + "-" + number);
    }

    @JsonCreator
    public static CartId of(String value) {
        return new CartId(value);
    }

    /** A cart id from client input, in any case of its letters as every id is, or MALFORMED_ID. */
    public static CartId parse(String raw) {
        String id = raw == null ? null : AsciiCase.lowerCase(raw);
        if (id == null || id.length() > 120 || !id.startsWith(PREFIX)) {
            throw malformed(raw);
        }
        int dash = id.lastIndexOf('-');
        String owner = id.substring(PREFIX.length(), Math.max(PREFIX.length(), dash));
        String number = id.substring(dash + 1);
        if (!number.matches("[1-9][0-9]{0,8}") || !Ids.isUuid(owner)) {
            throw malformed(raw);
        }
        return new CartId(id);
    }

    public AccountId accountId() {
        return AccountId.of(value.substring(PREFIX.length(), value.lastIndexOf('-')));
    }

    public long number() {
        return Long.parseLong(value.substring(value.lastIndexOf('-') + 1));
    }

    public boolean belongsTo(AccountId accountId) {
        return accountId().equals(accountId);
    }

    private static BusinessException malformed(String raw) {
        return new BusinessException(ShopError.MALFORMED_ID, "'%s' is not a cart id", Ids.abbreviate(raw));
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
