package io.hindsight.store;

import io.hindsight.account.AuthService;
import io.hindsight.account.api.AccountId;
import io.hindsight.account.token.IssuedTokens;
import io.hindsight.command.CommandRole;
import io.hindsight.command.Commands;
import io.hindsight.ledger.api.LedgerAccountId;
import io.hindsight.store.api.RegisterMerchant;
import io.hindsight.store.api.StoreId;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * A merchant's sign-up: one command opens the account, the store and its wallet together; the merchant is then
 * logged in like anyone who just signed up.
 */
@CommandRole
@Service
public class MerchantSignUp {

    private final Commands commands;
    private final PasswordEncoder passwords;
    private final AuthService auth;

    public MerchantSignUp(Commands commands, PasswordEncoder passwords, AuthService auth) {
        this.commands = commands;
        this.passwords = passwords;
        this.auth = auth;
    }

    public Registered register(String email, String password, String name, String storeName, String address) {
        AccountId merchantId = AccountId.newId();
        StoreId storeId = StoreId.newId();
        commands.sendAs(
                merchantId.value(),
                new RegisterMerchant(storeId, merchantId, email, passwords.encode(password), name, storeName, address));
        return new Registered(
                merchantId, storeId, LedgerAccountId.storeWallet(storeId.value()), auth.logInVerified(merchantId));
    }

    /** The three ids a merchant gets, and the merchant's first tokens. */
    public record Registered(AccountId merchantId, StoreId storeId, LedgerAccountId walletId, IssuedTokens tokens) {}
}
