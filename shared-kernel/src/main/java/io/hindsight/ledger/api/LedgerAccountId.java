package io.hindsight.ledger.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.hindsight.account.api.AccountId;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Identifies a ledger account; the id tells its kind and owner: {@code wallet-<accountId>},
 * {@code store-wallet-<storeId>}, {@code points-<accountId>} or {@code system-<name>}. It is also the id of
 * the account's aggregate, so the prefixes keep it apart from every other aggregate's id.
 */
public record LedgerAccountId(String value) {

    public LedgerAccountId {
        Objects.requireNonNull(value, "ledger account id");
        if (Arrays.stream(LedgerAccountKind.values()).noneMatch(kind -> ownerIn(value, kind) != null)) {
            throw new IllegalArgumentException("Not a ledger account id: " + value);
        }
    }

    /** A user's wallet (KRW). */
    public static LedgerAccountId wallet(AccountId owner) {
        return new LedgerAccountId(LedgerAccountKind.USER_WALLET.prefix() + owner.value());
    }

    /** A store's wallet (KRW). */
    public static LedgerAccountId storeWallet(String storeId) {
        return new LedgerAccountId(LedgerAccountKind.STORE_WALLET.prefix() + Objects.requireNonNull(storeId));
    }

    /** A user's points (POINT). */
    public static LedgerAccountId points(AccountId owner) {
        return new LedgerAccountId(LedgerAccountKind.USER_POINTS.prefix() + owner.value());
    }

    public static LedgerAccountId system(SystemAccount account) {
        return new LedgerAccountId(LedgerAccountKind.SYSTEM.prefix() + account.key());
    }

    @JsonCreator
    public static LedgerAccountId of(String value) {
        return new LedgerAccountId(value);
    }

    public static Optional<LedgerAccountId> parse(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(new LedgerAccountId(text));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }

    public LedgerAccountKind kind() {
        return Arrays.stream(LedgerAccountKind.values())
                .filter(kind -> ownerIn(value, kind) != null)
                .findFirst()
                .orElseThrow();
    }

    /** The account or store that owns it; for a system account, its name. */
    public String owner() {
        return ownerIn(value, kind());
    }

    public LedgerCurrency currency() {
        return switch (kind()) {
            case USER_WALLET, STORE_WALLET -> LedgerCurrency.KRW;
            case USER_POINTS -> LedgerCurrency.POINT;
            case SYSTEM -> systemAccount().orElseThrow().currency();
        };
    }

    public Optional<SystemAccount> systemAccount() {
        return Arrays.stream(SystemAccount.values())
                .filter(account -> value.equals(LedgerAccountKind.SYSTEM.prefix() + account.key()))
                .findFirst();
    }

    private static String ownerIn(String value, LedgerAccountKind kind) {
        if (!value.startsWith(kind.prefix()) || value.length() == kind.prefix().length()) {
            return null;
        }
        String owner = value.substring(kind.prefix().length());
        if (kind == LedgerAccountKind.SYSTEM) {
            return Arrays.stream(SystemAccount.values()).anyMatch(a -> a.key().equals(owner)) ? owner : null;
        }
        return owner.length() <= 100
                        && owner.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_')
                ? owner
                : null;
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
