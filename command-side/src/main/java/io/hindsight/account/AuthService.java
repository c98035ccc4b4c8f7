package io.hindsight.account;

import io.hindsight.account.CredentialStore.StoredCredentials;
import io.hindsight.account.api.AccountAccessEvent;
import io.hindsight.account.api.AccountError;
import io.hindsight.account.api.AccountId;
import io.hindsight.account.api.AccountLockedOut;
import io.hindsight.account.api.ChangePassword;
import io.hindsight.account.api.LogInFailed;
import io.hindsight.account.api.LoggedIn;
import io.hindsight.account.api.LoggedOut;
import io.hindsight.account.api.OpenSocialAccount;
import io.hindsight.account.api.ProfileFields;
import io.hindsight.account.api.RecordAccountAccess;
import io.hindsight.account.api.Role;
import io.hindsight.account.api.SessionRevoked;
import io.hindsight.account.api.SignUp;
import io.hindsight.account.api.SignUpMethod;
import io.hindsight.account.api.TokensRefreshed;
import io.hindsight.account.token.AccessTokens;
import io.hindsight.account.token.IssuedTokens;
import io.hindsight.account.token.LoginAttempts;
import io.hindsight.account.token.RefreshTokens;
import io.hindsight.account.token.TokenRevocations;
import io.hindsight.command.Commands;
import io.hindsight.common.BusinessException;
import io.hindsight.common.MetadataKeys;
import io.hindsight.common.TryAgainLater;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sign-up, log-in, refresh-token rotation and log-out. Log-ins, failed log-ins, lock-outs, refreshes,
 * log-outs and revoked sessions are recorded in the account's history ({@link AccountAccessEvent}).
 */
@Service
public class AuthService {

    /** The actor of what an unauthenticated caller did to an account (a failed log-in). */
    private static final String ANONYMOUS = "anonymous";

    private final Commands commands;
    private final CredentialStore credentials;
    private final PasswordEncoder passwordEncoder;
    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final TokenRevocations revocations;
    private final LoginAttempts loginAttempts;
    private final String timingDecoyHash;
    private final TransactionTemplate transactions;

    public AuthService(
            Commands commands,
            CredentialStore credentials,
            PasswordEncoder passwordEncoder,
            AccessTokens accessTokens,
            RefreshTokens refreshTokens,
            TokenRevocations revocations,
            LoginAttempts loginAttempts,
            PlatformTransactionManager transactionManager) {
        this.commands = commands;
        this.credentials = credentials;
        this.passwordEncoder = passwordEncoder;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.revocations = revocations;
        this.loginAttempts = loginAttempts;
        this.timingDecoyHash = passwordEncoder.encode(UUID.randomUUID().toString());
        this.transactions = new TransactionTemplate(transactionManager);
    }

    public IssuedTokens signUp(String email, String password, ProfileFields profile) {
        AccountId accountId = AccountId.newId();
        String hash = passwordEncoder.encode(password);
        commands.sendAs(
                accountId.value(),
                new SignUp(accountId, email, hash, profile, Set.of(Role.MEMBER), SignUpMethod.PASSWORD, null));
        return issueUnchanged(accountId, UUID.randomUUID().toString(), now -> true, AuthService::badCredentials);
    }

    /** Opens an account outside the sign-up endpoint (the bootstrap ADMIN). */
    public void register(SignUp command, String actorId) {
        commands.sendAs(actorId, command);
    }

    /** Opens the account of a social identity unless a racing log-in did; the account is returned either way. */
    public AccountId openSocialAccount(OpenSocialAccount command) {
        commands.sendAs(command.accountId().value(), command);
        return command.accountId();
    }

    /**
     * Replaces the password after checking the current one; the command replaces the hash only if it is
     * still the one checked here, so of two concurrent changes only one wins.
     */
    public void changePassword(AccountId accountId, String currentPassword, String newPassword, String clientAddress) {
        StoredCredentials stored = credentials
                .findById(accountId)
                .orElseThrow(() -> new BusinessException(AccountError.ACCOUNT_NOT_FOUND, "No account %s", accountId));
        if (stored.resigned()) {
            throw new BusinessException(AccountError.ACCOUNT_RESIGNED, "Account %s has resigned", accountId);
        }
        if (!stored.hasPassword()) {
            throw new BusinessException(
                    AccountError.PASSWORD_NOT_SET,
                    "This account logs in through a social provider and has no password");
        }
        // a stolen access token must not buy unlimited guesses at the password it would then replace
        long attempt = loginAttempts.begin(stored.emailHash());
        boolean matches;
        try {
            matches = passwordEncoder.matches(currentPassword, stored.passwordHash());
        } catch (RuntimeException undecided) {
            loginAttempts.undecided(stored.emailHash());
            throw undecided;
        }
        if (!matches) {
            recordFailure(
                    accountId.value(),
                    stored,
                    LogInFailed.Reason.WRONG_CURRENT_PASSWORD,
                    loginAttempts.lockedBy(attempt),
                    clientAddress);
            throw new BusinessException(AccountError.WRONG_PASSWORD, "The current password is wrong");
        }
        loginAttempts.succeeded(stored.emailHash());
        commands.send(new ChangePassword(accountId, stored.passwordHash(), passwordEncoder.encode(newPassword)));
    }

    public IssuedTokens logIn(String email, String password, String clientAddress) {
        String subject = loginAttempts.subjectOf(email);
        long attempt = loginAttempts.begin(subject);
        try {
            return logIn(email, subject, password, clientAddress, attempt);
        } catch (BusinessException decided) {
            throw decided;
        } catch (RuntimeException undecided) {
            loginAttempts.undecided(subject);
            throw undecided;
        }
    }

    private IssuedTokens logIn(String email, String subject, String password, String clientAddress, long attempt) {
        Optional<StoredCredentials> found = credentials.findByEmail(email);
        StoredCredentials stored =
                found.filter(c -> !c.resigned() && c.hasPassword()).orElse(null);
        boolean matches = passwordEncoder.matches(password, stored == null ? timingDecoyHash : stored.passwordHash());
        if (stored == null || !matches) {
            boolean lockedNow = loginAttempts.lockedBy(attempt);
            found.ifPresent(account -> recordFailure(ANONYMOUS, account, reasonOf(account), lockedNow, clientAddress));
            throw new BusinessException(AccountError.BAD_CREDENTIALS, "Email or password is wrong");
        }
        loginAttempts.succeeded(subject);
        return logInAs(stored, null, clientAddress);
    }

    /**
     * The first tokens of an account just opened by another sign-up path (a merchant's). As with sign-up, no
     * log-in is recorded: the account's sign-up event is the record of this first session.
     */
    public IssuedTokens logInVerified(AccountId accountId) {
        return issueUnchanged(accountId, UUID.randomUUID().toString(), now -> true, AuthService::badCredentials);
    }

    /** Tokens for an account whose identity was proven some other way (social log-in), recorded as a log-in. */
    public IssuedTokens logInVerified(AccountId accountId, String socialProvider, String clientAddress) {
        return logInAs(activeCredentials(accountId), socialProvider, clientAddress);
    }

    private StoredCredentials activeCredentials(AccountId accountId) {
        return credentials
                .findById(accountId)
                .filter(c -> !c.resigned())
                .orElseThrow(() -> new BusinessException(AccountError.BAD_CREDENTIALS, "This account has resigned"));
    }

    /**
     * Spends the refresh token and issues a new pair in the same family. Presenting a spent token
     * means it leaked: the whole family is revoked. A token another attempt is spending is neither: that attempt may
     * still issue its pair, or it failed (its Redis reply was lost) and its lease runs out (see {@link RefreshTokens}).
     */
    public IssuedTokens refresh(String refreshToken, String clientAddress) {
        String attempt = UUID.randomUUID().toString();
        RefreshTokens.Spent spent = refreshTokens.spend(refreshToken, attempt).orElseThrow(AuthService::invalidRefresh);
        switch (spent.use()) {
            case REUSED -> {
                if (revocations.revokeFamily(spent.accountId(), spent.familyId())) {
                    record(
                            MetadataKeys.SYSTEM_ACTOR,
                            new SessionRevoked(
                                    spent.accountId(),
                                    spent.familyId(),
                                    SessionRevoked.Reason.REFRESH_TOKEN_REUSED,
                                    clientAddress));
                }
                throw invalidRefresh();
            }
            case IN_PROGRESS -> throw refreshInProgress(spent.leaseLeft());
            case FRESH -> {}
        }
        try {
            if (revocations.isRevoked(spent.accountId(), spent.familyId(), spent.issuedAt())) {
                throw invalidRefresh();
            }
            // a resignation voided the token (checked above); the issue below checks again under the row's lock
            record(spent.accountId().value(), new TokensRefreshed(spent.accountId(), spent.familyId(), clientAddress));
            if (!refreshTokens.settle(refreshToken, attempt)) {
                throw refreshInProgress(refreshTokens.lease());
            }
            return issueUnchanged(
                    spent.accountId(),
                    spent.familyId(),
                    now -> !spent.issuedAt().isBefore(now.tokensValidAfter()),
                    AuthService::invalidRefresh);
        } catch (BusinessException refused) {
            throw refused;
        } catch (RuntimeException undecided) {
            // no tokens reached the client (PostgreSQL or Redis failed): its retry must not count as re-use
            refreshTokens.unspend(refreshToken, attempt);
            throw undecided;
        }
    }

    public void logOut(AccountId accountId, String familyId, String clientAddress) {
        if (revocations.revokeFamily(accountId, familyId)) {
            record(accountId.value(), new LoggedOut(accountId, familyId, clientAddress));
        }
    }

    /** The session is recorded before any token of it exists: if recording fails, nothing was issued. */
    private IssuedTokens logInAs(StoredCredentials account, String socialProvider, String clientAddress) {
        String familyId = UUID.randomUUID().toString();
        record(account.accountId().value(), new LoggedIn(account.accountId(), socialProvider, familyId, clientAddress));
        return issueUnchanged(
                account.accountId(),
                familyId,
                now -> Objects.equals(now.passwordHash(), account.passwordHash()),
                AuthService::badCredentials);
    }

    /**
     * Issues tokens with the roles the account has now, under a share lock of its credentials row, and only if it has
     * not resigned and what was checked still holds ({@code unchanged}: the password checked, the refresh token's
     * validity). A log-in or refresh that overlapped a role change, a password change or a resignation had issued
     * tokens with what it read before the change, dated after the change's cut-off: they outlived it.
     */
    private IssuedTokens issueUnchanged(
            AccountId accountId,
            String familyId,
            Predicate<StoredCredentials> unchanged,
            Supplier<BusinessException> refusal) {
        return transactions.execute(tx -> {
            StoredCredentials now = credentials
                    .lockedById(accountId)
                    .filter(c -> !c.resigned())
                    .filter(unchanged)
                    .orElseThrow(refusal);
            // dated by the database's clock, and never before the cut-off a node whose clock is ahead may have set
            Instant issuedAt = credentials.databaseNow();
            Instant cutOff = inWholeMillis(now.tokensValidAfter());
            return issue(accountId, now.roles(), familyId, issuedAt.isBefore(cutOff) ? cutOff : issuedAt);
        });
    }

    /** Tokens carry their issue instant in milliseconds: a cut-off inside one is the next, or they fall below it. */
    private static Instant inWholeMillis(Instant instant) {
        Instant millis = instant.truncatedTo(ChronoUnit.MILLIS);
        return millis.equals(instant) ? instant : millis.plusMillis(1);
    }

    private static LogInFailed.Reason reasonOf(StoredCredentials account) {
        return account.resigned()
                ? LogInFailed.Reason.ACCOUNT_RESIGNED
                : account.hasPassword() ? LogInFailed.Reason.WRONG_PASSWORD : LogInFailed.Reason.NO_PASSWORD;
    }

    private void recordFailure(
            String actorId,
            StoredCredentials account,
            LogInFailed.Reason reason,
            boolean lockedNow,
            String clientAddress) {
        record(actorId, new LogInFailed(account.accountId(), reason, clientAddress));
        if (lockedNow) {
            record(
                    actorId,
                    new AccountLockedOut(
                            account.accountId(), loginAttempts.maxFailures(), loginAttempts.window(), clientAddress));
        }
    }

    private void record(String actorId, AccountAccessEvent event) {
        commands.sendAs(actorId, new RecordAccountAccess(event));
    }

    private IssuedTokens issue(AccountId accountId, Set<Role> roles, String familyId, Instant now) {
        String refresh = refreshTokens.issue(accountId, familyId, now);
        String access = accessTokens.issue(accountId, roles, familyId, now);
        return new IssuedTokens(accountId, access, refresh, accessTokens.expiresInSeconds());
    }

    private static BusinessException badCredentials() {
        return new BusinessException(AccountError.BAD_CREDENTIALS, "Email or password is wrong");
    }

    private static BusinessException refreshInProgress(Duration left) {
        return new TryAgainLater(
                AccountError.REFRESH_IN_PROGRESS,
                left,
                "Another refresh with this token is in progress; if it was yours and failed, try again after it runs out");
    }

    private static BusinessException invalidRefresh() {
        return new BusinessException(
                AccountError.REFRESH_TOKEN_INVALID, "The refresh token is unknown, expired or spent");
    }
}
