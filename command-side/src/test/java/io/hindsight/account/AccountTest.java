package io.hindsight.account;

import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.matches;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

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
import io.hindsight.account.api.PasswordChanged;
import io.hindsight.account.api.ProfileChanged;
import io.hindsight.account.api.ProfileCorrected;
import io.hindsight.account.api.ProfileFields;
import io.hindsight.account.api.Resign;
import io.hindsight.account.api.Role;
import io.hindsight.account.api.RolesChanged;
import io.hindsight.account.api.SignUp;
import io.hindsight.account.api.SignUpMethod;
import io.hindsight.account.guard.AdminRoster;
import io.hindsight.account.guard.EmailRegistry;
import io.hindsight.account.guard.NicknameRegistry;
import io.hindsight.account.guard.SocialIdentities;
import io.hindsight.account.token.TokenRevocations;
import io.hindsight.command.Commands;
import io.hindsight.command.LeavingAccounts;
import io.hindsight.common.BusinessException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountTest {

    private final AccountId id = AccountId.of("acc-1");
    private final ProfileFields profile = new ProfileFields("Mina", "mina", Gender.FEMALE);
    private AggregateTestFixture<Account> fixture;
    private CredentialStore credentials;
    private EmailRegistry emails;
    private NicknameRegistry nicknames;
    private AdminRoster admins;
    private TokenRevocations revocations;
    private LeavingAccounts leaving;
    private Commands commands;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Account.class);
        credentials = mock(CredentialStore.class);
        emails = mock(EmailRegistry.class);
        nicknames = mock(NicknameRegistry.class);
        admins = mock(AdminRoster.class);
        revocations = mock(TokenRevocations.class);
        fixture.registerInjectableResource(credentials);
        fixture.registerInjectableResource(emails);
        fixture.registerInjectableResource(nicknames);
        fixture.registerInjectableResource(admins);
        fixture.registerInjectableResource(mock(SocialIdentities.class));
        fixture.registerInjectableResource(revocations);
        leaving = mock(LeavingAccounts.class);
        commands = mock(Commands.class);
        fixture.registerInjectableResource(leaving);
        fixture.registerInjectableResource(commands);
    }

    private AccountSignedUp signedUp(Role... roles) {
        return new AccountSignedUp(id, "mina@example.com", profile, Set.of(roles), SignUpMethod.PASSWORD, null);
    }

    @Test
    void canSignUpAsMember() {
        fixture.givenNoPriorActivity()
                .when(new SignUp(id, "mina@example.com", "hash", profile, Set.of(), SignUpMethod.PASSWORD, null))
                .expectEvents(new AccountSignedUp(
                        id, "mina@example.com", profile, Set.of(Role.MEMBER), SignUpMethod.PASSWORD, null));
        verify(emails).claimOrRefuse(id, "mina@example.com");
        verify(credentials).store(id, "hash", Set.of(Role.MEMBER));
        verify(nicknames).holdOrRefuse(id, "mina");
    }

    @Test
    void cannotSignUpWithATakenEmail() {
        doThrow(new BusinessException(AccountError.EMAIL_TAKEN, "taken"))
                .when(emails)
                .claimOrRefuse(any(), any());
        fixture.givenNoPriorActivity()
                .when(new SignUp(id, "mina@example.com", "hash", profile, Set.of(), SignUpMethod.PASSWORD, null))
                .expectException(BusinessException.class)
                .expectNoEvents();
    }

    @Test
    void cannotSignUpWithoutAName() {
        fixture.givenNoPriorActivity()
                .when(new SignUp(
                        id,
                        "mina@example.com",
                        "hash",
                        new ProfileFields(" ", null, null),
                        Set.of(),
                        SignUpMethod.PASSWORD,
                        null))
                .expectException(BusinessException.class);
    }

    @Test
    void canChangeOnlyWhatDiffers() {
        fixture.given(signedUp(Role.MEMBER))
                .when(new ChangeProfile(id, new ProfileFields("Mina", "mimi", Gender.FEMALE)))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        matches(payload -> payload instanceof ProfileChanged changed
                                && changed.changes().equals(new ProfileFields(null, "mimi", null))),
                        andNoMore())));
        verify(nicknames).holdOrRefuse(id, "mimi");
    }

    @Test
    void repeatingTheCurrentProfileChangesNothing() {
        fixture.given(signedUp(Role.MEMBER))
                .when(new ChangeProfile(id, profile))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotChangeAResignedAccount() {
        fixture.given(signedUp(Role.MEMBER), new AccountResigned(id))
                .when(new ChangeProfile(id, new ProfileFields("New", null, null)))
                .expectException(BusinessException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("resigned"));
    }

    @Test
    void aCorrectionOlderThanTheLatestNicknameLeavesTheCurrentNicknameAlone() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        fixture.givenCurrentTime(now.minusSeconds(100))
                .andGiven(signedUp(Role.MEMBER))
                .andGiven(new ProfileChanged(id, new ProfileFields(null, "later", null), now.minusSeconds(10)))
                .andGivenCurrentTime(now)
                .when(new CorrectProfile(id, new ProfileFields(null, "earlier", null), now.minusSeconds(50)))
                .expectEvents(new ProfileCorrected(id, new ProfileFields(null, "earlier", null), now.minusSeconds(50)));
        verify(nicknames, never()).holdOrRefuse(any(), any());
    }

    @Test
    void canSignUpWithANicknameRecordedWithoutTheSpacesAroundIt() {
        ProfileFields spaced = new ProfileFields("Mina", "  mina ", null);
        fixture.givenNoPriorActivity()
                .when(new SignUp(id, "mina@example.com", "hash", spaced, Set.of(), SignUpMethod.PASSWORD, null))
                .expectEvents(new AccountSignedUp(
                        id,
                        "mina@example.com",
                        new ProfileFields("Mina", "mina", null),
                        Set.of(Role.MEMBER),
                        SignUpMethod.PASSWORD,
                        null));
    }

    @Test
    void canCorrectANicknameRecordedWithoutTheSpacesAroundIt() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        fixture.givenCurrentTime(now.minusSeconds(100))
                .andGiven(signedUp(Role.MEMBER))
                .andGivenCurrentTime(now)
                .when(new CorrectProfile(id, new ProfileFields(null, " corrected  ", null), now.minusSeconds(50)))
                .expectEvents(
                        new ProfileCorrected(id, new ProfileFields(null, "corrected", null), now.minusSeconds(50)));
        verify(nicknames).holdOrRefuse(id, "corrected");
    }

    @Test
    void canCorrectANameRecordedWithoutTheSpacesAroundIt() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        fixture.givenCurrentTime(now.minusSeconds(100))
                .andGiven(signedUp(Role.MEMBER))
                .andGivenCurrentTime(now)
                .when(new CorrectProfile(id, new ProfileFields("  Corrected ", null, null), now.minusSeconds(50)))
                .expectEvents(
                        new ProfileCorrected(id, new ProfileFields("Corrected", null, null), now.minusSeconds(50)));
    }

    @Test
    void cannotSignUpWithANameLongerThanTheLimit() {
        String tooLong = "A".repeat(AccountRules.MAX_NAME_LENGTH + 1);
        fixture.givenNoPriorActivity()
                .when(new SignUp(
                        id,
                        "admin@example.com",
                        "hash",
                        new ProfileFields(tooLong, null, null),
                        Set.of(Role.ADMIN),
                        SignUpMethod.BOOTSTRAP,
                        null))
                .expectException(BusinessException.class)
                .expectNoEvents();
    }

    @Test
    void canSignUpWithANameOfTheLimitAfterTheSpacesAroundItAreTrimmed() {
        String longest = "A".repeat(AccountRules.MAX_NAME_LENGTH);
        fixture.givenNoPriorActivity()
                .when(new SignUp(
                        id,
                        "mina@example.com",
                        "hash",
                        new ProfileFields(" " + longest + " ", null, null),
                        Set.of(),
                        SignUpMethod.PASSWORD,
                        null))
                .expectEvents(new AccountSignedUp(
                        id,
                        "mina@example.com",
                        new ProfileFields(longest, null, null),
                        Set.of(Role.MEMBER),
                        SignUpMethod.PASSWORD,
                        null));
    }

    @Test
    void cannotCorrectBeforeSignUp() {
        Instant now = Instant.now();
        fixture.givenCurrentTime(now.minusSeconds(100))
                .andGiven(signedUp(Role.MEMBER))
                .when(new CorrectProfile(id, new ProfileFields("Old", null, null), now.minusSeconds(1000)))
                .expectException(BusinessException.class)
                .expectNoEvents();
    }

    @Test
    void changingThePasswordVoidsEveryToken() {
        fixture.given(signedUp(Role.MEMBER))
                .when(new ChangePassword(id, "old-hash", "new-hash"))
                .expectEvents(new PasswordChanged(id));
        verify(credentials).replaceHash(id, "old-hash", "new-hash");
        verify(revocations).voidAllTokens(id);
    }

    @Test
    void canGrantRolesAndMemberStays() {
        fixture.given(signedUp(Role.MEMBER))
                .when(new ChangeRoles(id, Set.of(Role.HOST)))
                .expectEvents(new RolesChanged(id, Set.of(Role.HOST, Role.MEMBER)));
        verify(admins).removeUnlessLast(id);
        verify(revocations).voidAllTokens(id);
    }

    @Test
    void cannotDemoteTheLastAdmin() {
        doThrow(new BusinessException(AccountError.LAST_ADMIN, "last"))
                .when(admins)
                .removeUnlessLast(id);
        fixture.given(signedUp(Role.MEMBER, Role.ADMIN))
                .when(new ChangeRoles(id, Set.of(Role.MEMBER)))
                .expectException(BusinessException.class)
                .expectNoEvents();
    }

    @Test
    void cannotResignAsTheLastAdmin() {
        doThrow(new BusinessException(AccountError.LAST_ADMIN, "last"))
                .when(admins)
                .removeUnlessLast(id);
        fixture.given(signedUp(Role.MEMBER, Role.ADMIN))
                .when(new Resign(id))
                .expectException(BusinessException.class)
                .expectNoEvents();
    }

    @Test
    void resigningReleasesTheNicknameAndVoidsTokens() {
        fixture.given(signedUp(Role.MEMBER)).when(new Resign(id)).expectEvents(new AccountResigned(id));
        verify(nicknames).release(id);
        verify(credentials).markResigned(id);
        verify(revocations).voidAllTokens(id);
        verify(leaving).windUp(id, commands);
    }

    @Test
    void resigningTwiceIsANoOp() {
        fixture.given(signedUp(Role.MEMBER), new AccountResigned(id))
                .when(new Resign(id))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
