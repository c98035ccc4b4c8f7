package io.hindsight.account;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.hindsight.account.api.AccountError;
import io.hindsight.account.api.AccountId;
import io.hindsight.account.api.AccountResigned;
import io.hindsight.account.api.AccountRules;
import io.hindsight.account.api.AccountSignedUp;
import io.hindsight.account.api.ChangePassword;
import io.hindsight.account.api.ChangeProfile;
import io.hindsight.account.api.ChangeRoles;
import io.hindsight.account.api.CorrectProfile;
import io.hindsight.account.api.Gender;
import io.hindsight.account.api.LinkSocialIdentity;
import io.hindsight.account.api.OpenSocialAccount;
import io.hindsight.account.api.PasswordChanged;
import io.hindsight.account.api.ProfileChanged;
import io.hindsight.account.api.ProfileCorrected;
import io.hindsight.account.api.ProfileFields;
import io.hindsight.account.api.RecordAccountAccess;
import io.hindsight.account.api.Resign;
import io.hindsight.account.api.Role;
import io.hindsight.account.api.RolesChanged;
import io.hindsight.account.api.SignUp;
import io.hindsight.account.api.SignUpMethod;
import io.hindsight.account.api.SocialIdentityLinked;
import io.hindsight.account.guard.AdminRoster;
import io.hindsight.account.guard.EmailRegistry;
import io.hindsight.account.guard.NicknameRegistry;
import io.hindsight.account.guard.SocialIdentities;
import io.hindsight.account.token.TokenRevocations;
import io.hindsight.command.CommandRole;
import io.hindsight.command.Commands;
import io.hindsight.command.LeavingAccounts;
import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import io.hindsight.common.LookAlikes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An account: its roles, whether it resigned, and its profile with every field's latest valid-time
 * point, so a correction knows whether it changes today's profile.
 */
@CommandRole
@Aggregate(filterEventsByType = true)
@Revision("1")
public class Account {

    @AggregateIdentifier
    private AccountId accountId;

    private String email;
    private Instant signedUpAt;
    private Set<Role> roles;
    private boolean resigned;
    private FieldPoint<String> name;
    private FieldPoint<String> nickname;
    private FieldPoint<Gender> gender;

    protected Account() {}

    @CommandHandler
    public Account(
            SignUp command,
            EmailRegistry emails,
            CredentialStore credentials,
            NicknameRegistry nicknames,
            SocialIdentities identities,
            AdminRoster admins) {
        open(command, emails, credentials, nicknames, identities, admins);
    }

    /** A racing first log-in of the same identity may have opened the account already: then it stays. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(
            OpenSocialAccount command,
            EmailRegistry emails,
            CredentialStore credentials,
            NicknameRegistry nicknames,
            SocialIdentities identities,
            AdminRoster admins) {
        if (accountId == null) {
            open(
                    new SignUp(
                            command.accountId(),
                            command.email(),
                            null,
                            command.profile(),
                            Set.of(Role.MEMBER),
                            SignUpMethod.SOCIAL,
                            command.identity()),
                    emails,
                    credentials,
                    nicknames,
                    identities,
                    admins);
        }
    }

    @CommandHandler
    public AccountState handle(ChangeProfile command, NicknameRegistry nicknames) {
        requireActive("change the profile of");
        ProfileFields changes = onlyDifferences(command.changes());
        if (!changes.changesNothing()) {
            if (changes.nickname() != null) {
                nicknames.holdOrRefuse(accountId, blankToNull(changes.nickname()));
            }
            apply(new ProfileChanged(accountId, changes, newestVersionAt()));
        }
        return state();
    }

    @CommandHandler
    public AccountState handle(CorrectProfile command, NicknameRegistry nicknames) {
        requireActive("correct the profile of");
        ProfileFields changes = command.changes();
        Instant effectiveFrom = command.effectiveFrom();
        if (changes == null || changes.changesNothing()) {
            throw new BusinessException(AccountError.NOTHING_TO_CHANGE, "A correction must change at least one field");
        }
        changes = withTrimmedTexts(changes);
        requireWithinLimits(changes);
        if (changes.name() != null && LookAlikes.showsNothing(changes.name())) {
            throw new BusinessException(CommonError.VALIDATION_FAILED, "A name cannot be blank");
        }
        requireShownNickname(changes.nickname());
        if (effectiveFrom.isBefore(signedUpAt) || effectiveFrom.isAfter(now())) {
            throw new BusinessException(
                    AccountError.INVALID_CORRECTION,
                    "A correction of account %s must take effect between its sign-up (%s) and now, not at %s",
                    accountId,
                    signedUpAt,
                    effectiveFrom);
        }
        if (changes.nickname() != null && !nickname.supersededAt(effectiveFrom)) {
            nicknames.holdOrRefuse(accountId, blankToNull(changes.nickname()));
        }
        apply(new ProfileCorrected(accountId, changes, effectiveFrom));
        return state();
    }

    @CommandHandler
    public void handle(ChangePassword command, CredentialStore credentials, TokenRevocations revocations) {
        requireActive("change the password of");
        credentials.replaceHash(accountId, command.verifiedHash(), command.newHash());
        revocations.voidAllTokens(accountId);
        apply(new PasswordChanged(accountId));
    }

    @CommandHandler
    public AccountState handle(
            ChangeRoles command,
            CredentialStore credentials,
            AdminRoster admins,
            TokenRevocations revocations,
            LeavingAccounts leaving,
            Commands commands) {
        requireActive("change the roles of");
        Set<Role> newRoles = withMember(command.roles());
        if (newRoles.equals(roles)) {
            return state();
        }
        if (newRoles.contains(Role.ADMIN)) {
            admins.add(accountId);
        } else {
            admins.removeUnlessLast(accountId);
        }
        credentials.updateRoles(accountId, newRoles);
        leaving.windUpWithout(lost(newRoles), accountId, commands);
        revocations.voidAllTokens(accountId);
        apply(new RolesChanged(accountId, newRoles));
        return state();
    }

    @CommandHandler
    public void handle(
            Resign command,
            CredentialStore credentials,
            AdminRoster admins,
            NicknameRegistry nicknames,
            TokenRevocations revocations,
            LeavingAccounts leaving,
            Commands commands) {
        if (resigned) {
            return;
        }
        admins.removeUnlessLast(accountId);
        // the credentials row first: a command of this account running now holds it shared, so the wind-up below
        // sees what it made, and one arriving later waits and is refused (RevokedActorRefusal)
        credentials.markResigned(accountId);
        leaving.windUp(accountId, commands);
        nicknames.release(accountId);
        revocations.voidAllTokens(accountId);
        apply(new AccountResigned(accountId));
    }

    @CommandHandler
    public void handle(LinkSocialIdentity command, SocialIdentities identities) {
        requireActive("link a social identity to");
        if (identities.claimOrRefuse(accountId, command.identity())) {
            apply(new SocialIdentityLinked(accountId, command.identity().provider()));
        }
    }

    /** Facts about access are recorded whatever the account's state: a resigned account's failed log-ins too. */
    @CommandHandler
    public void handle(RecordAccountAccess command) {
        apply(command.event());
    }

    private static void open(
            SignUp command,
            EmailRegistry emails,
            CredentialStore credentials,
            NicknameRegistry nicknames,
            SocialIdentities identities,
            AdminRoster admins) {
        ProfileFields profile = command.profile();
        if (profile == null || profile.name() == null || LookAlikes.showsNothing(profile.name())) {
            throw new BusinessException(CommonError.VALIDATION_FAILED, "A name is required");
        }
        requireShownNickname(profile.nickname());
        profile = withTrimmedTexts(profile);
        requireWithinLimits(profile);
        Set<Role> roles = withMember(command.roles());
        emails.claimOrRefuse(command.accountId(), command.email());
        credentials.store(command.accountId(), command.passwordHash(), roles);
        nicknames.holdOrRefuse(command.accountId(), blankToNull(profile.nickname()));
        if (command.socialIdentity() != null) {
            identities.claimOrRefuse(command.accountId(), command.socialIdentity());
        }
        if (roles.contains(Role.ADMIN)) {
            admins.add(command.accountId());
        }
        apply(new AccountSignedUp(
                command.accountId(),
                command.email(),
                profile,
                roles,
                command.method(),
                command.socialIdentity() == null
                        ? null
                        : command.socialIdentity().provider()));
    }

    @EventSourcingHandler
    void on(AccountSignedUp event, @Timestamp Instant recordedAt) {
        // The event store keeps milliseconds; a cached aggregate must match one reloaded from it.
        Instant at = recordedAt.truncatedTo(ChronoUnit.MILLIS);
        accountId = event.accountId();
        email = event.email();
        signedUpAt = at;
        roles = event.roles();
        ProfileFields profile = event.profile();
        name = new FieldPoint<>(profile.name(), at);
        nickname = new FieldPoint<>(blankToNull(profile.nickname()), at);
        gender = new FieldPoint<>(Gender.shown(profile.gender()), at);
    }

    @EventSourcingHandler
    void on(ProfileChanged event, @Timestamp Instant recordedAt) {
        applyFields(event.changes(), event.inForceFrom(recordedAt));
    }

    @EventSourcingHandler
    void on(ProfileCorrected event) {
        applyFields(event.changes(), event.effectiveFrom());
    }

    @EventSourcingHandler
    void on(RolesChanged event) {
        roles = event.roles();
    }

    @EventSourcingHandler
    void on(AccountResigned event) {
        resigned = true;
    }

    private void applyFields(ProfileFields changes, Instant effectiveFrom) {
        if (changes.name() != null) {
            name = name.laterOf(changes.name(), effectiveFrom);
        }
        if (changes.nickname() != null) {
            nickname = nickname.laterOf(blankToNull(changes.nickname()), effectiveFrom);
        }
        if (changes.gender() != null) {
            gender = gender.laterOf(changes.gender(), effectiveFrom);
        }
    }

    private ProfileFields onlyDifferences(ProfileFields requested) {
        if (requested == null || requested.changesNothing()) {
            throw new BusinessException(AccountError.NOTHING_TO_CHANGE, "Send at least one of name, nickname, gender");
        }
        if (requested.name() != null && LookAlikes.showsNothing(requested.name())) {
            throw new BusinessException(CommonError.VALIDATION_FAILED, "A name cannot be blank");
        }
        requireShownNickname(requested.nickname());
        requireWithinLimits(withTrimmedTexts(requested));
        String newNickname = requested.nickname() == null ? null : LookAlikes.trimmed(requested.nickname());
        boolean nicknameChanges = newNickname != null && !Objects.equals(blankToNull(newNickname), nickname.value());
        return new ProfileFields(
                requested.name() != null && !requested.name().equals(name.value()) ? requested.name() : null,
                nicknameChanges ? newNickname : null,
                requested.gender() != null && Gender.shown(requested.gender()) != Gender.shown(gender.value())
                        ? requested.gender()
                        : null);
    }

    /**
     * A blank nickname clears it; one of only invisible characters would show as none while holding the empty look-alike
     * key against everyone else's, and a text-reordering control lets a nickname show as another's under another key.
     */
    private static void requireShownNickname(String nickname) {
        if (nickname == null || nickname.isBlank()) {
            return;
        }
        if (LookAlikes.showsNothing(nickname)) {
            throw new BusinessException(
                    CommonError.VALIDATION_FAILED, "A nickname must show something; send an empty one to clear it");
        }
        if (LookAlikes.reordersText(nickname)) {
            throw new BusinessException(
                    CommonError.VALIDATION_FAILED,
                    "A nickname cannot hold a control that reorders text (U+202A-U+202E, U+2066-U+2069)");
        }
    }

    /**
     * The lengths the requests check, checked again here: a path that is no request (the bootstrap ADMIN's configured
     * name) recorded a name longer than the views' columns, and the accounts projection parked every event of the
     * account from its sign-up on.
     */
    private static void requireWithinLimits(ProfileFields fields) {
        if (fields.name() != null && fields.name().length() > AccountRules.MAX_NAME_LENGTH) {
            throw new BusinessException(
                    CommonError.VALIDATION_FAILED,
                    "A name holds at most %d characters, not %d",
                    AccountRules.MAX_NAME_LENGTH,
                    fields.name().length());
        }
        if (fields.nickname() != null && fields.nickname().length() > AccountRules.MAX_NICKNAME_LENGTH) {
            throw new BusinessException(
                    CommonError.VALIDATION_FAILED,
                    "A nickname holds at most %d characters, not %d",
                    AccountRules.MAX_NICKNAME_LENGTH,
                    fields.nickname().length());
        }
    }

    private void requireActive(String action) {
        if (resigned) {
            throw new BusinessException(
                    AccountError.ACCOUNT_RESIGNED, "Cannot %s account %s: it has resigned", action, accountId);
        }
    }

    /** The profile as {@code GET /api/me} shows it; only an active account answers a command with it. */
    private AccountState state() {
        return new AccountState(
                accountId,
                email,
                name.value(),
                nickname.value(),
                Gender.shown(gender.value()),
                roles,
                signedUpAt,
                "ACTIVE",
                null);
    }

    /**
     * Now, or just after the latest version when that one is dated later: a node whose clock ran ahead recorded it,
     * or this node's clock was set back since. A change is the newest version; dated before another, it would be an
     * older one, and the profile would go back to the other when the clock reached it.
     */
    private Instant newestVersionAt() {
        Instant now = now().truncatedTo(ChronoUnit.MILLIS);
        Instant latest = signedUpAt;
        for (FieldPoint<?> point : new FieldPoint<?>[] {name, nickname, gender}) {
            if (point != null && (latest == null || point.effectiveFrom().isAfter(latest))) {
                latest = point.effectiveFrom();
            }
        }
        return latest == null || now.isAfter(latest)
                ? now
                : latest.truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
    }

    private Set<Role> lost(Set<Role> newRoles) {
        Set<Role> lost = EnumSet.noneOf(Role.class);
        lost.addAll(roles);
        lost.removeAll(newRoles);
        return lost;
    }

    private static Set<Role> withMember(Set<Role> roles) {
        Set<Role> all = roles == null || roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
        all.add(Role.MEMBER);
        return Set.copyOf(all);
    }

    /**
     * The name and the nickname without the spaces around them, as a change records them: the views show what the
     * event holds, so a sign-up or a correction recording the spaces showed them in every profile and history.
     */
    private static ProfileFields withTrimmedTexts(ProfileFields fields) {
        return new ProfileFields(
                fields.name() == null ? null : LookAlikes.trimmed(fields.name()),
                fields.nickname() == null ? null : LookAlikes.trimmed(fields.nickname()),
                fields.gender());
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : LookAlikes.trimmed(value);
    }

    /** The cluster's clock in the application, the fixture's in tests. */
    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    /** A field's value with the valid-time instant it took effect. */
    record FieldPoint<T>(T value, Instant effectiveFrom) {

        FieldPoint<T> laterOf(T newValue, Instant newEffectiveFrom) {
            return newEffectiveFrom.isBefore(effectiveFrom) ? this : new FieldPoint<>(newValue, newEffectiveFrom);
        }

        boolean supersededAt(Instant instant) {
            return instant.isBefore(effectiveFrom);
        }
    }
}
