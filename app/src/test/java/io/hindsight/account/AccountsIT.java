package io.hindsight.account;

import static io.hindsight.support.Api.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.hindsight.account.api.AccountId;
import io.hindsight.account.api.ProfileChanged;
import io.hindsight.account.api.ProfileFields;
import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.SeededAccountEvents;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class AccountsIT extends IntegrationTest {

    @Autowired
    EventStorageEngine storage;

    @Autowired
    TransactionManager transactions;

    @Autowired
    JdbcClient jdbc;

    /**
     * An account id written in capitals was no account to an ADMIN's or AUDITOR's detail, history, receipts,
     * correction, roles and erasure (404 `ACCOUNT_NOT_FOUND`), while granting points read it: every one reads it now.
     */
    @Test
    void anAccountIdIsReadInAnyLetterCaseByTheAdminEndpoints() {
        Member member = api.signUp("Upper Case Account");
        String upper = member.accountId().toUpperCase();
        Member admin = api.admin();
        admin.request()
                .get("/api/admin/users/" + upper)
                .then()
                .statusCode(200)
                .body("accountId", equalTo(member.accountId()));
        admin.request().get("/api/admin/users/" + upper + "/history").then().statusCode(200);
        admin.request().get("/api/admin/users/" + upper + "/receipts").then().statusCode(200);
        admin.request()
                .body(Map.of("effectiveFrom", Instant.now().toString(), "name", "Upper Case Corrected"))
                .post("/api/admin/users/" + upper + "/corrections")
                .then()
                .statusCode(201)
                .body("accountId", equalTo(member.accountId()));
        admin.request()
                .body(Map.of("roles", List.of("AUDITOR")))
                .put("/api/admin/users/" + upper + "/roles")
                .then()
                .statusCode(200)
                .body("accountId", equalTo(member.accountId()));
        admin.request()
                .post("/api/admin/users/" + upper + "/erasure")
                .then()
                .statusCode(200)
                .body("accountId", equalTo(member.accountId()));
    }

    @Test
    void canSignUpAndSeeTheProfile() {
        String email = uniqueEmail("sign");
        Response response = client().body(Map.of(
                        "email",
                        email,
                        "password",
                        "correct-horse",
                        "name",
                        "Sun",
                        "nickname",
                        "sunny-" + email.substring(5, 13),
                        "gender",
                        "FEMALE"))
                .post("/api/auth/signup");
        response.then()
                .statusCode(201)
                // the one place its new member can read it
                .header("Location", "/api/me")
                .body("accessToken", notNullValue())
                .body("refreshToken", notNullValue());

        client().header("Authorization", "Bearer " + response.path("accessToken"))
                .get("/api/me")
                .then()
                .statusCode(200)
                .body("accountId", equalTo(response.path("accountId")))
                .body("email", equalTo(email))
                .body("name", equalTo("Sun"))
                .body("gender", equalTo("FEMALE"))
                .body("roles", equalTo(List.of("MEMBER")))
                .body("signedUpAt", notNullValue());
    }

    /** A write's answer is the profile as a read shows it: status and resignedAt were missing from it. */
    @Test
    void aProfileChangeAnswersWithTheProfileAsAReadShowsIt() {
        Member member = api.signUp("Same Shape");
        Map<String, Object> written = member.request()
                .body(Map.of("gender", "OTHER"))
                .patch("/api/me")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("");
        Map<String, Object> read = member.request()
                .get("/api/me")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("");
        assertThat(written).isEqualTo(read).containsEntry("status", "ACTIVE").containsKey("resignedAt");
    }

    @Test
    void cannotSignUpWithAnEmailTakenInAnyLetterCase() {
        Member first = api.signUp("Case");
        client().body(Map.of("email", first.email().toUpperCase(), "password", "another-pass", "name", "Copy"))
                .post("/api/auth/signup")
                .then()
                .statusCode(409)
                .body("code", equalTo("EMAIL_TAKEN"));
    }

    /** Each had signed up as an account of its own that every list showed as the first one's address. */
    @Test
    void cannotSignUpWithALookAlikeOfAnEmail() {
        Member first = api.signUp("Original");
        String email = first.email();
        int at = email.indexOf('@');
        List<String> lookAlikes = List.of(
                email + "\u200b",
                email.substring(0, 2) + "\u200b" + email.substring(2),
                email.substring(0, at) + "\u00ad" + email.substring(at),
                "\uff41" + email.substring(1),
                email.substring(0, at) + " " + email.substring(at),
                email + "\u2003",
                "\u3000" + email,
                email + "\u200a");
        for (String lookAlike : lookAlikes) {
            client().body(Map.of("email", lookAlike, "password", "another-pass", "name", "Impostor"))
                    .post("/api/auth/signup")
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("VALIDATION_FAILED"))
                    .body("errors[0].field", equalTo("email"));
            client().body(Map.of(
                            "email", lookAlike, "password", "another-pass", "name", "Impostor", "storeName", "Fake"))
                    .post("/api/merchants")
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("VALIDATION_FAILED"));
        }
    }

    @Test
    void cannotTakeANicknameSomeoneHas() {
        String nickname = "nick" + System.nanoTime() % 1_000_000_000;
        api.signUp(uniqueEmail("n1"), "password-1", "First", nickname);
        client().body(Map.of(
                        "email",
                        uniqueEmail("n2"),
                        "password",
                        "password-2",
                        "name",
                        "Second",
                        "nickname",
                        nickname.toUpperCase()))
                .post("/api/auth/signup")
                .then()
                .statusCode(409)
                .body("code", equalTo("NICKNAME_TAKEN"));

        Member third = api.signUp("Third");
        third.request()
                .body(Map.of("nickname", nickname))
                .patch("/api/me")
                .then()
                .statusCode(409)
                .body("code", equalTo("NICKNAME_TAKEN"));
        // look-alikes: a zero-width space, full-width letters, a leading no-break space
        for (String lookAlike : List.of(
                nickname + "\u200b", nickname.replace("n", "\uFF4E").replace("k", "\uFF4B"), "\u00a0" + nickname)) {
            third.request()
                    .body(Map.of("nickname", lookAlike))
                    .patch("/api/me")
                    .then()
                    .statusCode(409)
                    .body("code", equalTo("NICKNAME_TAKEN"));
        }
    }

    /** Σ is the capital of σ and of the final ς: lowered alone, ςz and Σz were two nicknames. */
    @Test
    void aNicknameIsTakenInTheOtherCaseOfAGreekSigma() {
        String nickname = "\u03c2z" + System.nanoTime() % 1_000_000_000;
        api.signUp(uniqueEmail("sigma"), "password-1", "Sigma", nickname);
        Member other = api.signUp("Other Sigma");
        for (String otherCase : List.of("\u03a3" + nickname.substring(1), "\u03c3" + nickname.substring(1))) {
            other.request()
                    .body(Map.of("nickname", otherCase))
                    .patch("/api/me")
                    .then()
                    .statusCode(409)
                    .body("code", equalTo("NICKNAME_TAKEN"));
        }
    }

    @Test
    void aReleasedNicknameCanBeTakenAgain() {
        String nickname = "free" + System.nanoTime() % 1_000_000_000;
        Member holder = api.signUp(uniqueEmail("h"), "password-1", "Holder", nickname);
        holder.request()
                .body(Map.of("nickname", "other" + nickname))
                .patch("/api/me")
                .then()
                .statusCode(200);
        api.signUp(uniqueEmail("t"), "password-2", "Taker", nickname);
    }

    @Test
    void cannotLoseTheNicknameOneHoldsByAskingForATakenOne() {
        String held = "keep" + System.nanoTime() % 1_000_000_000;
        String taken = "took" + System.nanoTime() % 1_000_000_000;
        Member holder = api.signUp(uniqueEmail("k"), "password-1", "Keeper", held);
        api.signUp(uniqueEmail("o"), "password-2", "Other", taken);

        holder.request()
                .body(Map.of("nickname", taken))
                .patch("/api/me")
                .then()
                .statusCode(409)
                .body("code", equalTo("NICKNAME_TAKEN"));

        client().body(Map.of("email", uniqueEmail("s"), "password", "password-3", "name", "Snatcher", "nickname", held))
                .post("/api/auth/signup")
                .then()
                .statusCode(409)
                .body("code", equalTo("NICKNAME_TAKEN"));
    }

    @Test
    void logInNeedsTheRightPassword() {
        Member member = api.signUp("Login");
        client().body(Map.of("email", member.email(), "password", "wrong-password"))
                .post("/api/auth/login")
                .then()
                .statusCode(401)
                .body("code", equalTo("BAD_CREDENTIALS"));
        client().body(Map.of("email", uniqueEmail("nobody"), "password", "whatever-pass"))
                .post("/api/auth/login")
                .then()
                .statusCode(401)
                .body("code", equalTo("BAD_CREDENTIALS"));
        client().body(Map.of("email", member.email().toUpperCase(), "password", member.password()))
                .post("/api/auth/login")
                .then()
                .statusCode(200)
                .body("accessToken", notNullValue())
                .body("refreshToken", notNullValue())
                .body("expiresIn", equalTo(900));
    }

    /**
     * A node whose clock runs two minutes ahead recorded the member's last change, effective two minutes from now by
     * this node's clock. A change through this node was dated by its own clock, before that one, so it went in as an
     * older version: the answer still showed the earlier name, and two minutes later the profile went back to it. A
     * change is the newest version: it takes effect no earlier than just after the latest one.
     */
    @Test
    void aChangeAfterOneRecordedByANodeWhoseClockIsAheadIsTheProfileFromThenOn() {
        Member member = api.signUp("Skewed");
        Instant ahead = Instant.now().plus(Duration.ofMinutes(2)).truncatedTo(ChronoUnit.MILLIS);
        new SeededAccountEvents(storage, transactions, jdbc).renamedAt(member.accountId(), "Skewed Ahead", ahead);

        member.request()
                .body(Map.of("name", "Skewed Latest"))
                .patch("/api/me")
                .then()
                .statusCode(200)
                .body("name", equalTo("Skewed Latest"));

        member.request().get("/api/me").then().statusCode(200).body("name", equalTo("Skewed Latest"));
        Member admin = api.admin();
        admin.request()
                .get("/api/admin/users/" + member.accountId())
                .then()
                .statusCode(200)
                .body("name", equalTo("Skewed Latest"));
        List<Map<String, Object>> history = admin.request()
                .get("/api/admin/users/" + member.accountId() + "/history")
                .then()
                .statusCode(200)
                .extract()
                .path("$");
        assertThat(history).hasSize(3);
        assertThat(history.get(2)).containsEntry("name", "Skewed Latest").containsEntry("validTo", null);
        assertThat(Instant.parse((String) history.get(2).get("validFrom"))).isAfter(ahead);
    }

    /**
     * A change is decided a moment before its event is stamped (and a transaction's events all take its latest stamp),
     * so its {@code effectiveFrom} can lie a millisecond or more before its record. Until then a read answered the
     * profile without it, so as of that moment the profile is still without it: AsOfOracleIT read a gender as null at
     * an instant, and as of the same instant later read it MALE, from a change decided at .665 and recorded at .666.
     */
    @Test
    void aChangeIsInForceFromItsRecordEvenWhenItWasDecidedAMomentBefore() throws InterruptedException {
        Member member = api.signUp("Decided Early");
        // a gap in time, not a wait for a condition: the seeded change, decided 3 ms before its record, must come
        // after the sign-up
        Thread.sleep(20);
        Instant recorded = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant decided = recorded.minusMillis(3);
        new SeededAccountEvents(storage, transactions, jdbc)
                .append(
                        member.accountId(),
                        List.of(new SeededAccountEvents.Seeded(
                                new ProfileChanged(
                                        AccountId.of(member.accountId()),
                                        new ProfileFields("Recorded Late", null, null),
                                        decided),
                                member.accountId(),
                                recorded)));
        Member admin = api.admin();

        for (Instant before : List.of(decided, recorded.minusMillis(1), recorded.minusNanos(1))) {
            assertNameAsOf(admin, member, before, "Decided Early");
        }
        assertNameAsOf(admin, member, recorded, "Recorded Late");
        List<Map<String, Object>> history = admin.request()
                .get("/api/admin/users/" + member.accountId() + "/history")
                .then()
                .statusCode(200)
                .extract()
                .path("$");
        assertThat(history).hasSize(2);
        assertThat(history.get(1)).containsEntry("name", "Recorded Late");
        assertThat(Instant.parse((String) history.get(1).get("validFrom"))).isEqualTo(recorded);
        // the command side agrees: the next change takes effect after it
        member.request()
                .body(Map.of("name", "Changed Next"))
                .patch("/api/me")
                .then()
                .statusCode(200);
        member.request().get("/api/me").then().statusCode(200).body("name", equalTo("Changed Next"));
    }

    @Test
    void profileChangesKeepAFullHistory() {
        Member member = api.signUp("Hist");
        Instant beforeChange = Instant.now();
        member.request()
                .body(Map.of("name", "Hist Renamed", "gender", "OTHER"))
                .patch("/api/me")
                .then()
                .statusCode(200)
                .body("name", equalTo("Hist Renamed"))
                .body("gender", equalTo("OTHER"));
        Member admin = api.admin();

        List<Map<String, Object>> history = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> admin.request()
                                .get("/api/admin/users/" + member.accountId() + "/history")
                                .then()
                                .statusCode(200)
                                .extract()
                                .<List<Map<String, Object>>>path("$"),
                        h -> h.size() == 2);
        assertThat(history.get(0)).containsEntry("name", "Hist").containsEntry("changedBy", member.accountId());
        assertThat(history.get(0).get("validTo")).isEqualTo(history.get(1).get("validFrom"));
        assertThat(history.get(1))
                .containsEntry("name", "Hist Renamed")
                .containsEntry("validTo", null)
                .containsEntry("gender", "OTHER");
        assertThat(history.get(1).get("recordedAt")).isNotNull();

        admin.request()
                .queryParam("asOf", beforeChange.toString())
                .get("/api/admin/users/" + member.accountId())
                .then()
                .statusCode(200)
                .body("name", equalTo("Hist"))
                .body("gender", nullValue())
                .body("recentOrder", nullValue());
        admin.request()
                .get("/api/admin/users/" + member.accountId())
                .then()
                .statusCode(200)
                .body("name", equalTo("Hist Renamed"));
    }

    /** A gender once stated could not be withdrawn: an empty one now clears it, and the history keeps what it was. */
    @Test
    void aStatedGenderCanBeWithdrawnAndItsHistoryKept() {
        Member member = api.signUp("Withdraws");
        member.request()
                .body(Map.of("gender", "FEMALE"))
                .patch("/api/me")
                .then()
                .statusCode(200);
        Instant whileStated = Instant.now();
        member.request()
                .body(Map.of("gender", ""))
                .patch("/api/me")
                .then()
                .statusCode(200)
                .body("gender", nullValue());
        member.request().get("/api/me").then().statusCode(200).body("gender", nullValue());
        // withdrawing what is not stated changes nothing, and no client names the withdrawn state itself
        member.request().body(Map.of("gender", "")).patch("/api/me").then().statusCode(200);
        member.request()
                .body(Map.of("gender", "UNSTATED"))
                .patch("/api/me")
                .then()
                .statusCode(400)
                .body("code", equalTo("MALFORMED_REQUEST"));

        Member admin = api.admin();
        List<Map<String, Object>> history = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> admin.request()
                                .get("/api/admin/users/" + member.accountId() + "/history")
                                .then()
                                .statusCode(200)
                                .extract()
                                .<List<Map<String, Object>>>path("$"),
                        h -> h.size() == 3);
        assertThat(history).extracting(entry -> entry.get("gender")).containsExactly(null, "FEMALE", null);
        admin.request()
                .queryParam("asOf", whileStated.toString())
                .get("/api/admin/users/" + member.accountId())
                .then()
                .statusCode(200)
                .body("gender", equalTo("FEMALE"));
        admin.request()
                .get("/api/admin/users/" + member.accountId())
                .then()
                .statusCode(200)
                .body("gender", nullValue());

        Response signedUp = client().body(Map.of(
                        "email", uniqueEmail("unstated"), "password", "correct-horse", "name", "Blank", "gender", ""))
                .post("/api/auth/signup");
        signedUp.then().statusCode(201);
        client().header("Authorization", "Bearer " + signedUp.path("accessToken"))
                .get("/api/me")
                .then()
                .statusCode(200)
                .body("gender", nullValue());
    }

    @Test
    void anAdminCorrectionAnswersBothWhatWasTrueAndWhatWasKnown() {
        Member member = api.signUp("Bitemp");
        Instant signedUp = Instant.now();
        member.request()
                .body(Map.of("name", "Bitemp Two"))
                .patch("/api/me")
                .then()
                .statusCode(200);
        Instant beforeCorrection = Instant.now();
        Member admin = api.admin();
        Instant effective = signedUp.plusMillis(1);

        admin.request()
                .body(Map.of("effectiveFrom", effective.toString(), "name", "Bitemp Corrected"))
                .post("/api/admin/users/" + member.accountId() + "/corrections")
                .then()
                .statusCode(201)
                .body("current.name", equalTo("Bitemp Two"))
                // history is kept in milliseconds; a finer instant had ordered differently from run to run
                .body(
                        "effectiveFrom",
                        equalTo(effective.truncatedTo(ChronoUnit.MILLIS).toString()));

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> admin.request()
                        .get("/api/admin/users/" + member.accountId() + "/history")
                        .then()
                        .body("size()", equalTo(3))
                        .body("[1].name", equalTo("Bitemp Corrected"))
                        .body("[1].changedBy", equalTo(admin.accountId()))
                        .body("[1].kind", equalTo("CORRECTION"))
                        .body("[2].name", equalTo("Bitemp Two")));

        assertNameAsOf(admin, member, effective.plusMillis(1), "Bitemp Corrected");
        admin.request()
                .queryParam("asOf", effective.plusMillis(1).toString())
                .queryParam("knownAt", beforeCorrection.toString())
                .get("/api/admin/users/" + member.accountId())
                .then()
                .statusCode(200)
                .body("name", equalTo("Bitemp"));
        admin.request()
                .queryParam("knownAt", beforeCorrection.toString())
                .get("/api/admin/users/" + member.accountId() + "/history")
                .then()
                .statusCode(200)
                .body("size()", equalTo(2));
    }

    @Test
    void anAsOfFinerThanAMicrosecondIsNotRoundedUpToTheChangeAfterIt() {
        Member member = api.signUp("Edge");
        Instant signedUp = Instant.parse(member.request().get("/api/me").path("signedUpAt"));
        Instant effective = signedUp.plusMillis(5);
        // the correction below takes effect between the sign-up and this change, so the change must come after it
        await().until(() -> Instant.now().isAfter(effective));
        member.request()
                .body(Map.of("name", "Edge Later"))
                .patch("/api/me")
                .then()
                .statusCode(200);
        Member admin = api.admin();
        admin.request()
                .body(Map.of("effectiveFrom", effective.toString(), "name", "Edge Corrected"))
                .post("/api/admin/users/" + member.accountId() + "/corrections")
                .then()
                .statusCode(201);

        // 1 ns and 500 ns before the correction took effect: the driver rounded both up to it
        for (Instant justBefore : List.of(effective.minusNanos(1), effective.minusNanos(500))) {
            assertNameAsOf(admin, member, justBefore, "Edge");
        }
        assertNameAsOf(admin, member, effective, "Edge Corrected");
    }

    /**
     * A change records a nickname without the spaces around it, but a sign-up and a correction recorded them as sent:
     * the correction's answer showed the nickname trimmed, while {@code GET /api/me}, the detail and the history
     * showed the spaces (found by ProfileHistoryOracleIT).
     */
    @Test
    void aNicknameIsShownWithoutTheSpacesAroundItWhetherSignedUpWithOrCorrectedTo() {
        String signedUpAs = "spaced-" + UUID.randomUUID().toString().substring(0, 8);
        Response signedUp = client().body(Map.of(
                        "email",
                        uniqueEmail("spaced"),
                        "password",
                        "correct-horse",
                        "name",
                        "Spaced",
                        "nickname",
                        "  " + signedUpAs + " "))
                .post("/api/auth/signup");
        signedUp.then().statusCode(201);
        String accountId = signedUp.path("accountId");
        RequestSpecification member = client().header("Authorization", "Bearer " + signedUp.path("accessToken"));
        member.get("/api/me").then().statusCode(200).body("nickname", equalTo(signedUpAs));
        Member admin = api.admin();
        String correctedTo = "corrected-" + UUID.randomUUID().toString().substring(0, 8);

        admin.request()
                .body(Map.of("effectiveFrom", Instant.now().toString(), "nickname", " " + correctedTo + "  "))
                .post("/api/admin/users/" + accountId + "/corrections")
                .then()
                .statusCode(201)
                .body("current.nickname", equalTo(correctedTo));

        client().header("Authorization", "Bearer " + signedUp.path("accessToken"))
                .get("/api/me")
                .then()
                .statusCode(200)
                .body("nickname", equalTo(correctedTo));
        admin.request()
                .get("/api/admin/users/" + accountId)
                .then()
                .statusCode(200)
                .body("nickname", equalTo(correctedTo));
        admin.request()
                .get("/api/admin/users/" + accountId + "/history")
                .then()
                .statusCode(200)
                .body("nickname", contains(signedUpAs, correctedTo));
    }

    @Test
    void aCorrectionCannotGiveAnAccountANicknameAnotherHolds() {
        String taken = "held-" + UUID.randomUUID().toString().substring(0, 8);
        Member holder = api.signUp("Holder");
        holder.request().body(Map.of("nickname", taken)).patch("/api/me").then().statusCode(200);
        Member member = api.signUp("Would Be Holder");
        Member admin = api.admin();

        admin.request()
                .body(Map.of("effectiveFrom", Instant.now().toString(), "nickname", taken))
                .post("/api/admin/users/" + member.accountId() + "/corrections")
                .then()
                .statusCode(409)
                .body("code", equalTo("NICKNAME_TAKEN"));
        admin.request()
                .get("/api/admin/users/" + member.accountId() + "/history")
                .then()
                .statusCode(200)
                .body("kind", not(hasItem("CORRECTION")));
    }

    @Test
    void cannotCorrectOutsideTheAccountsLifetime() {
        Member member = api.signUp("Range");
        Member admin = api.admin();
        admin.request()
                .body(Map.of("effectiveFrom", "2001-01-01T00:00:00Z", "name", "Ancient"))
                .post("/api/admin/users/" + member.accountId() + "/corrections")
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_CORRECTION"));
        admin.request()
                .body(Map.of("effectiveFrom", Instant.now().plusSeconds(3600).toString(), "name", "Future"))
                .post("/api/admin/users/" + member.accountId() + "/corrections")
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_CORRECTION"));
        admin.request()
                .body(Map.of("effectiveFrom", Instant.now().toString()))
                .post("/api/admin/users/" + member.accountId() + "/corrections")
                .then()
                .statusCode(400)
                .body("code", equalTo("NOTHING_TO_CHANGE"));
    }

    @Test
    void onlyAdminsManageUsersAndAuditorsOnlyRead() {
        Member member = api.signUp("Plain");
        Member auditor = api.withRoles("Auditor", "AUDITOR");

        member.request().get("/api/admin/users").then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        member.request().get("/api/admin/users/" + member.accountId()).then().statusCode(403);
        member.request()
                .body(Map.of("roles", List.of("ADMIN")))
                .put("/api/admin/users/" + member.accountId() + "/roles")
                .then()
                .statusCode(403);
        client().get("/api/admin/users").then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));

        auditor.request().get("/api/admin/users/" + member.accountId()).then().statusCode(200);
        auditor.request()
                .get("/api/admin/users/" + member.accountId() + "/history")
                .then()
                .statusCode(200);
        auditor.request().get("/api/admin/users").then().statusCode(403);
        auditor.request()
                .body(Map.of("effectiveFrom", Instant.now().toString(), "name", "X"))
                .post("/api/admin/users/" + member.accountId() + "/corrections")
                .then()
                .statusCode(403);
    }

    @Test
    void aRoleChangeRevokesTheOldTokens() {
        Member member = api.signUp("Roles");
        api.admin()
                .request()
                .body(Map.of("roles", List.of("HOST", "PUBLISHER")))
                .put("/api/admin/users/" + member.accountId() + "/roles")
                .then()
                .statusCode(200)
                .body("roles", hasItem("HOST"))
                .body("roles", hasItem("MEMBER"));

        member.request().get("/api/me").then().statusCode(401).body("code", equalTo("TOKEN_REVOKED"));
        client().body(Map.of("refreshToken", member.refreshToken()))
                .post("/api/auth/refresh")
                .then()
                .statusCode(401);
        api.logIn(member.email(), member.password())
                .request()
                .get("/api/me")
                .then()
                .statusCode(200)
                .body("roles", containsInAnyOrder("HOST", "MEMBER", "PUBLISHER"));
    }

    @Test
    void resigningKeepsHistoryButEndsAccessAndBlocksTheEmail() {
        Member member = api.signUp("Leaver");
        member.request().delete("/api/me").then().statusCode(204);

        member.request().get("/api/me").then().statusCode(401);
        client().body(Map.of("email", member.email(), "password", member.password()))
                .post("/api/auth/login")
                .then()
                .statusCode(401);
        client().body(Map.of("email", member.email().toUpperCase(), "password", "new-password", "name", "Again"))
                .post("/api/auth/signup")
                .then()
                .statusCode(409)
                .body("code", equalTo("EMAIL_RESIGNED"))
                .body("detail", containsString("resigned"));
        Member admin = api.admin();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> admin.request()
                        .get("/api/admin/users/" + member.accountId())
                        .then()
                        .statusCode(200)
                        .body("status", equalTo("RESIGNED"))
                        .body("name", equalTo("Leaver")));
        admin.request()
                .get("/api/admin/users/" + member.accountId() + "/history")
                .then()
                .statusCode(200)
                .body("size()", equalTo(1));
    }

    @Test
    void theAdminListSearchesPagesAndCounts() {
        String tag = "zq" + System.nanoTime() % 1_000_000;
        for (int i = 0; i < 3; i++) {
            api.signUp(uniqueEmail(tag), "password-" + i, "Searchable " + tag + " " + i, null);
        }
        api.signUp(uniqueEmail("other"), "password-x", "Unrelated", tag + "nick");
        Member admin = api.admin();

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> admin.request()
                        .queryParam("keyword", tag)
                        .queryParam("limit", 2)
                        .get("/api/admin/users")
                        .then()
                        .statusCode(200)
                        .body("matched", equalTo(4))
                        .body("items.size()", equalTo(2))
                        .body("limit", equalTo(2))
                        .body("offset", equalTo(0))
                        .body("items[0].recentOrder", nullValue()));
        int total = admin.request().get("/api/admin/users").then().extract().path("total");
        assertThat(total).isGreaterThanOrEqualTo(5);
        admin.request()
                .queryParam("keyword", tag)
                .queryParam("offset", 3)
                .get("/api/admin/users")
                .then()
                .body("items.size()", equalTo(1));
        admin.request()
                .queryParam("keyword", tag + "%")
                .get("/api/admin/users")
                .then()
                .statusCode(200)
                .body("matched", equalTo(0));
        admin.request()
                .queryParam("limit", 1001)
                .get("/api/admin/users")
                .then()
                .statusCode(400)
                .body("code", equalTo("LIMIT_TOO_LARGE"));
        admin.request().queryParam("offset", -1).get("/api/admin/users").then().statusCode(400);
    }

    @Test
    void theAdminListFiltersByStatusAndRole() {
        String tag = "fz" + System.nanoTime() % 1_000_000;
        Member active = api.signUp(uniqueEmail(tag), "password-a", "Active " + tag, null);
        Member gone = api.signUp(uniqueEmail(tag), "password-g", "Gone " + tag, null);
        gone.request().delete("/api/me").then().statusCode(204);
        Member host = api.withRoles(tag + " Host", "HOST");
        Member admin = api.admin();

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> admin.request()
                        .queryParam("keyword", tag)
                        .queryParam("status", "ACTIVE")
                        .get("/api/admin/users")
                        .then()
                        .statusCode(200)
                        .body("matched", equalTo(2))
                        .body("items.accountId", containsInAnyOrder(active.accountId(), host.accountId())));
        admin.request()
                .queryParam("keyword", tag)
                .queryParam("status", "resigned")
                .get("/api/admin/users")
                .then()
                .body("items.accountId", contains(gone.accountId()))
                .body("items[0].status", equalTo("RESIGNED"));
        admin.request()
                .queryParam("keyword", tag)
                .get("/api/admin/users")
                .then()
                .body("matched", equalTo(3));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> admin.request()
                        .queryParam("keyword", tag)
                        .queryParam("role", "HOST")
                        .get("/api/admin/users")
                        .then()
                        .body("items.accountId", contains(host.accountId()))
                        .body("items[0].roles", containsInAnyOrder("HOST", "MEMBER")));
        int total = admin.request().get("/api/admin/users").then().extract().path("total");
        admin.request()
                .queryParam("role", "ADMIN")
                .queryParam("status", "ACTIVE")
                .queryParam("limit", 1000)
                .get("/api/admin/users")
                .then()
                .body("total", equalTo(total))
                .body("items.email", hasItem(ADMIN_EMAIL));
        admin.request()
                .queryParam("role", "KING")
                .get("/api/admin/users")
                .then()
                .statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"));
        admin.request()
                .queryParam("status", "ASLEEP")
                .get("/api/admin/users")
                .then()
                .statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"));
    }

    @Test
    void unknownUsersAreNotFound() {
        Member admin = api.admin();
        admin.request()
                .get("/api/admin/users/00000000-0000-0000-0000-000000000000")
                .then()
                .statusCode(404)
                .body("code", equalTo("ACCOUNT_NOT_FOUND"));
        admin.request()
                .body(Map.of("roles", List.of("HOST")))
                .put("/api/admin/users/no-such-account/roles")
                .then()
                .statusCode(404);
    }

    @Test
    void theBootstrapAdminExists() {
        api.admin()
                .request()
                .get("/api/me")
                .then()
                .statusCode(200)
                .body("email", equalTo(ADMIN_EMAIL))
                .body("roles", hasItem("ADMIN"));
    }

    private static void assertNameAsOf(Member admin, Member member, Instant asOf, String name) {
        admin.request()
                .queryParam("asOf", asOf.toString())
                .get("/api/admin/users/" + member.accountId())
                .then()
                .statusCode(200)
                .body("name", equalTo(name));
    }
}
