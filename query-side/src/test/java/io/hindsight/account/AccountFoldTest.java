package io.hindsight.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.hindsight.account.api.AccountId;
import io.hindsight.account.api.AccountResigned;
import io.hindsight.account.api.AccountSignedUp;
import io.hindsight.account.api.Gender;
import io.hindsight.account.api.ProfileChanged;
import io.hindsight.account.api.ProfileCorrected;
import io.hindsight.account.api.ProfileFields;
import io.hindsight.account.api.Role;
import io.hindsight.account.api.RolesChanged;
import io.hindsight.account.api.SignUpMethod;
import io.hindsight.projection.RecordedEvent;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccountFoldTest {

    private static final AccountId ID = AccountId.of("a-1");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final AccountFold fold = new AccountFold();
    private long sequence;

    private AccountView apply(AccountView view, Object payload, Instant at, String actor) {
        return fold.apply(view, new RecordedEvent(ID.value(), "Account", sequence++, at, actor, "c", payload));
    }

    private AccountView signedUp() {
        return apply(
                null,
                new AccountSignedUp(
                        ID,
                        "a@b.c",
                        new ProfileFields("Ann", "ann", Gender.FEMALE),
                        Set.of(Role.MEMBER),
                        SignUpMethod.PASSWORD,
                        null),
                T0,
                ID.value());
    }

    @Test
    void signUpStartsTheTimeline() {
        AccountView view = signedUp();
        assertThat(view.signedUpAt()).isEqualTo(T0);
        assertThat(view.profileNow()).isEqualTo(new Profile("Ann", "ann", Gender.FEMALE));
        assertThat(view.history())
                .singleElement()
                .satisfies(e -> assertThat(e.validTo()).isNull())
                .satisfies(e -> assertThat(e.changedBy()).isEqualTo(ID.value()));
    }

    @Test
    void aChangeClosesTheOpenSegment() {
        Instant t1 = T0.plusSeconds(60);
        AccountView view =
                apply(signedUp(), new ProfileChanged(ID, new ProfileFields("Anna", null, null), t1), t1, ID.value());

        List<HistoryEntry> history = view.history();
        assertThat(history).hasSize(2);
        assertThat(history.get(0).validTo()).isEqualTo(t1);
        assertThat(history.get(1))
                .extracting(HistoryEntry::name, HistoryEntry::nickname, HistoryEntry::validTo)
                .containsExactly("Anna", "ann", null);
        assertThat(view.profileAt(t1.minusMillis(1)).name()).isEqualTo("Ann");
    }

    @Test
    void aCorrectionInsertsASegmentWithoutOverridingLaterChanges() {
        Instant t1 = T0.plusSeconds(60);
        Instant t2 = T0.plusSeconds(120);
        Instant corrected = T0.plusSeconds(30);
        AccountView view =
                apply(signedUp(), new ProfileChanged(ID, new ProfileFields("Anna", null, null), t1), t1, ID.value());
        view = apply(view, new ProfileCorrected(ID, new ProfileFields("Ana", null, null), corrected), t2, "admin");

        assertThat(view.history())
                .extracting(HistoryEntry::validFrom, HistoryEntry::name, HistoryEntry::changedBy)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(T0, "Ann", ID.value()),
                        org.assertj.core.groups.Tuple.tuple(corrected, "Ana", "admin"),
                        org.assertj.core.groups.Tuple.tuple(t1, "Anna", ID.value()));
        assertThat(view.history().get(1).recordedAt()).isEqualTo(t2);
        assertThat(view.profileNow().name()).isEqualTo("Anna");
    }

    @Test
    void aCorrectionAtTheSameInstantAsAChangeWinsBecauseItWasRecordedLater() {
        Instant t1 = T0.plusSeconds(60);
        AccountView view = apply(
                signedUp(), new ProfileChanged(ID, new ProfileFields(null, null, Gender.MALE), t1), t1, ID.value());
        view = apply(
                view,
                new ProfileCorrected(ID, new ProfileFields(null, null, Gender.OTHER), t1),
                t1.plusSeconds(5),
                "admin");
        assertThat(view.profileNow().gender()).isEqualTo(Gender.OTHER);
        assertThat(view.history()).hasSize(2);
    }

    @Test
    void aBlankNicknameClearsIt() {
        Instant t1 = T0.plusSeconds(60);
        AccountView view =
                apply(signedUp(), new ProfileChanged(ID, new ProfileFields(null, "", null), t1), t1, ID.value());
        assertThat(view.profileNow().nickname()).isNull();
        assertThat(view.profileAt(T0).nickname()).isEqualTo("ann");
    }

    @Test
    void rolesAndResignationAreTracked() {
        AccountView view =
                apply(signedUp(), new RolesChanged(ID, Set.of(Role.MEMBER, Role.HOST)), T0.plusSeconds(1), "admin");
        view = apply(view, new AccountResigned(ID), T0.plusSeconds(2), ID.value());
        assertThat(view.roles()).containsExactlyInAnyOrder(Role.MEMBER, Role.HOST);
        assertThat(view.resigned()).isTrue();
        assertThat(view.resignedAt()).isEqualTo(T0.plusSeconds(2));
    }
}
