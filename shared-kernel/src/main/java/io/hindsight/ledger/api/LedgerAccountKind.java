package io.hindsight.ledger.api;

/**
 * What a ledger account is for. Accounts of users and stores never go below zero; system accounts are where
 * money enters and leaves the ledger, so they may.
 */
public enum LedgerAccountKind {
    USER_WALLET("wallet-"),
    STORE_WALLET("store-wallet-"),
    USER_POINTS("points-"),
    SYSTEM("system-");

    private final String prefix;

    LedgerAccountKind(String prefix) {
        this.prefix = prefix;
    }

    String prefix() {
        return prefix;
    }

    public boolean mayGoNegative() {
        return this == SYSTEM;
    }
}
