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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccountFoldTest {

    private static final AccountId ID = AccountId.of("a-1");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final AccountFold fold = new AccountFold();
    private final List<ProfileVersion> versions = new ArrayList<>();
    private long sequence;

    private AccountView apply(AccountView view, Object payload, Instant at, String actor) {
        RecordedEvent event = new RecordedEvent(ID.value(), "Account", sequence++, at, actor, "c", payload);
        ProfileVersion.of(event).ifPresent(versions::add);
        return fold.apply(view, event);
    }

    /** The valid-time history of every version recorded so far, as the history endpoint pages it. */
    private List<HistoryEntry> history() {
        return ProfileTimeline.segments(ProfilePoints.NONE, versions, null);
    }

    private Profile profileAt(Instant validAt) {
        ProfilePoints points = ProfilePoints.NONE;
        for (ProfileVersion version : versions) {
            if (!version.effectiveFrom().isAfter(validAt)) {
                points = points.with(version);
            }
        }
        return points.profile();
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
        assertThat(history())
                .singleElement()
                .satisfies(e -> assertThat(e.validTo()).isNull())
                .satisfies(e -> assertThat(e.changedBy()).isEqualTo(ID.value()));
    }

    @Test
    void aChangeClosesTheOpenSegment() {
        Instant t1 = T0.plusSeconds(60);
        AccountView view =
                apply(signedUp(), new ProfileChanged(ID, new ProfileFields("Anna", null, null), t1), t1, ID.value());

        List<HistoryEntry> history = history();
        assertThat(history).hasSize(2);
        assertThat(history.get(0).validTo()).isEqualTo(t1);
        assertThat(history.get(1))
                .extracting(HistoryEntry::name, HistoryEntry::nickname, HistoryEntry::validTo)
                .containsExactly("Anna", "ann", null);
        assertThat(profileAt(t1.minusMillis(1)).name()).isEqualTo("Ann");
    }

    @Test
    void aCorrectionInsertsASegmentWithoutOverridingLaterChanges() {
        Instant t1 = T0.plusSeconds(60);
        Instant t2 = T0.plusSeconds(120);
        Instant corrected = T0.plusSeconds(30);
        AccountView view =
                apply(signedUp(), new ProfileChanged(ID, new ProfileFields("Anna", null, null), t1), t1, ID.value());
        view = apply(view, new ProfileCorrected(ID, new ProfileFields("Ana", null, null), corrected), t2, "admin");

        assertThat(history())
                .extracting(HistoryEntry::validFrom, HistoryEntry::name, HistoryEntry::changedBy)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(T0, "Ann", ID.value()),
                        org.assertj.core.groups.Tuple.tuple(corrected, "Ana", "admin"),
                        org.assertj.core.groups.Tuple.tuple(t1, "Anna", ID.value()));
        assertThat(history().get(1).recordedAt()).isEqualTo(t2);
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
        assertThat(history()).hasSize(2);
    }

    @Test
    void aBlankNicknameClearsIt() {
        Instant t1 = T0.plusSeconds(60);
        AccountView view =
                apply(signedUp(), new ProfileChanged(ID, new ProfileFields(null, "", null), t1), t1, ID.value());
        assertThat(view.profileNow().nickname()).isNull();
        assertThat(profileAt(T0).nickname()).isEqualTo("ann");
    }

    @Test
    void theViewKeepsOnlyWhatIsInForceAndAnEarlierCorrectionDoesNotReplaceIt() {
        Instant t1 = T0.plusSeconds(60);
        AccountView view =
                apply(signedUp(), new ProfileChanged(ID, new ProfileFields("Anna", null, null), t1), t1, ID.value());
        view = apply(
                view,
                new ProfileCorrected(ID, new ProfileFields("Ana", null, Gender.OTHER), T0.plusSeconds(30)),
                t1.plusSeconds(5),
                "admin");
        assertThat(view.profile().name().value()).isEqualTo("Anna");
        assertThat(view.profile().name().effectiveFrom()).isEqualTo(t1);
        assertThat(view.profile().gender().value()).isEqualTo(Gender.OTHER);
        assertThat(view.profileNow()).isEqualTo(profileAt(Instant.MAX));
    }

    @Test
    void aPageOfHistoryEqualsTheSameSegmentsOfTheWholeHistory() {
        AccountView view = signedUp();
        for (int i = 1; i <= 12; i++) {
            Instant at = T0.plusSeconds(60L * i);
            Object payload = i % 3 == 0
                    ? new ProfileCorrected(ID, new ProfileFields("Fix " + i, null, null), T0.plusSeconds(60L * i - 90))
                    : new ProfileChanged(ID, new ProfileFields(i % 2 == 0 ? "Name " + i : null, "n" + i, null), at);
            view = apply(view, payload, at, ID.value());
        }
        List<HistoryEntry> whole = history();
        List<ProfileVersion> ordered = new ArrayList<>(versions);
        ordered.sort(ProfileVersion.IN_VALID_TIME);
        List<Instant> starts =
                ordered.stream().map(ProfileVersion::effectiveFrom).distinct().toList();
        for (int from = 0; from < starts.size(); from++) {
            for (int to = from; to < starts.size(); to++) {
                Instant first = starts.get(from);
                Instant last = starts.get(to);
                ProfilePoints before = ProfilePoints.NONE;
                List<ProfileVersion> inPage = new ArrayList<>();
                for (ProfileVersion version : versions) {
                    if (version.effectiveFrom().isBefore(first)) {
                        before = before.with(version);
                    } else if (!version.effectiveFrom().isAfter(last)) {
                        inPage.add(version);
                    }
                }
                Instant next = to + 1 < starts.size() ? starts.get(to + 1) : null;
                assertThat(ProfileTimeline.segments(before, inPage, next)).isEqualTo(whole.subList(from, to + 1));
            }
        }
        assertThat(view.profileNow()).isEqualTo(profileAt(Instant.MAX));
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
