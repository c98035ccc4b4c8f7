package io.hindsight.account;

import static io.hindsight.support.Api.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.hindsight.account.api.AccountId;
import io.hindsight.account.api.SocialIdentity;
import io.hindsight.account.guard.LookupHashes;
import io.hindsight.support.Api.Member;
import io.hindsight.support.FakeKakao;
import io.hindsight.support.IntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class SocialLoginIT extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    LookupHashes lookupHashes;

    @Test
    void theFirstSocialLogInSignsUpAndTheNextLogsIn() {
        long kakaoId = System.nanoTime();
        String email = uniqueEmail("kakao");
        FakeKakao.user("token-" + kakaoId, kakaoId, "Kakao Friend", email);

        Response first =
                client().body(Map.of("accessToken", "token-" + kakaoId)).post("/api/auth/social/kakao");
        first.then().statusCode(200);
        Response second =
                client().body(Map.of("accessToken", "token-" + kakaoId)).post("/api/auth/social/KAKAO");
        second.then().statusCode(200).body("accountId", equalTo(first.path("accountId")));

        client().header("Authorization", "Bearer " + second.path("accessToken"))
                .get("/api/me")
                .then()
                .statusCode(200)
                .body("name", equalTo("Kakao Friend"))
                .body("email", equalTo(email));
    }

    @Test
    void aSocialAccountWithoutEmailHasNoPasswordToChange() {
        long kakaoId = System.nanoTime();
        FakeKakao.user("quiet-" + kakaoId, kakaoId, "Quiet", null);
        Response login =
                client().body(Map.of("accessToken", "quiet-" + kakaoId)).post("/api/auth/social/kakao");
        login.then().statusCode(200);
        client().header("Authorization", "Bearer " + login.path("accessToken"))
                .get("/api/me")
                .then()
                .statusCode(200)
                .body("email", nullValue());
        client().header("Authorization", "Bearer " + login.path("accessToken"))
                .body(Map.of("currentPassword", "anything-at-all", "newPassword", "new-password-1"))
                .put("/api/me/password")
                .then()
                .statusCode(409)
                .body("code", equalTo("PASSWORD_NOT_SET"));
    }

    @Test
    void theProviderDecidesWhetherATokenIsGood() {
        client().body(Map.of("accessToken", "never-issued"))
                .post("/api/auth/social/kakao")
                .then()
                .statusCode(401)
                .body("code", equalTo("SOCIAL_TOKEN_INVALID"));
        client().body(Map.of("accessToken", "down"))
                .post("/api/auth/social/kakao")
                .then()
                .statusCode(503)
                .body("code", equalTo("SOCIAL_PROVIDER_UNAVAILABLE"));
        client().body(Map.of("accessToken", "whatever"))
                .post("/api/auth/social/myspace")
                .then()
                .statusCode(404)
                .body("code", equalTo("UNKNOWN_PROVIDER"));
        // a provider's name folds the case of ASCII letters only: the Kelvin sign lower-cases to k by Unicode
        client().body(Map.of("accessToken", "whatever"))
                .post("/api/auth/social/{provider}", "\u212Aakao")
                .then()
                .statusCode(404)
                .body("code", equalTo("UNKNOWN_PROVIDER"));
    }

    @Test
    void onlyARefusedTokenIs401AnyOtherProviderFailureIs503() {
        for (String token : List.of("throttled", "forbidden", "down")) {
            client().body(Map.of("accessToken", token))
                    .post("/api/auth/social/kakao")
                    .then()
                    .statusCode(503)
                    .body("code", equalTo("SOCIAL_PROVIDER_UNAVAILABLE"));
        }
    }

    @Test
    void cannotLogInWithAProviderUserIdThatIsBlankOrNotAnIdentifier() {
        List<String> ids = List.of(
                "\"\"",
                "\"   \"",
                "null",
                "{}",
                "[1]",
                "true",
                "1.5",
                "\"a b\"",
                "\"x\\u0000\"",
                "\"" + "9".repeat(200) + "\"");
        for (String id : ids) {
            String token = "odd-id-" + UUID.randomUUID();
            FakeKakao.rawUser(token, "{\"id\":" + id + ",\"kakao_account\":{\"profile\":{\"nickname\":\"Odd\"}}}");
            client().body(Map.of("accessToken", token))
                    .post("/api/auth/social/kakao")
                    .then()
                    .statusCode(503)
                    .body("code", equalTo("SOCIAL_PROVIDER_UNAVAILABLE"));
        }
        String missing = "no-id-" + UUID.randomUUID();
        FakeKakao.rawUser(missing, "{\"kakao_account\":{}}");
        client().body(Map.of("accessToken", missing))
                .post("/api/auth/social/kakao")
                .then()
                .statusCode(503);
    }

    @Test
    void aProvidersDisplayNameIsCutDownToText() {
        long kakaoId = System.nanoTime();
        String token = "hostile-name-" + kakaoId;
        FakeKakao.rawUser(
                token,
                "{\"id\":" + kakaoId + ",\"kakao_account\":{\"profile\":{\"nickname\":\"Ka\\u0000ka\\ud800o \\u0007🍪"
                        + "x".repeat(300) + "\"}}}");
        Response login = client().body(Map.of("accessToken", token)).post("/api/auth/social/kakao");
        login.then().statusCode(200);
        String name = client().header("Authorization", "Bearer " + login.path("accessToken"))
                .get("/api/me")
                .then()
                .statusCode(200)
                .extract()
                .path("name");
        assertThat(name).startsWith("Kakao 🍪xxx").hasSizeLessThanOrEqualTo(100);
    }

    @Test
    void canLogInManyTimesAtOnceForTheFirstTimeWithAVerifiedEmail() throws Exception {
        int logIns = 8;
        ExecutorService pool = Executors.newFixedThreadPool(logIns);
        try {
            for (int round = 0; round < 10; round++) {
                long kakaoId = System.nanoTime();
                String token = "crowd-" + kakaoId;
                FakeKakao.user(token, kakaoId, "Crowd Friend", uniqueEmail("crowd"));
                CyclicBarrier together = new CyclicBarrier(logIns);
                List<Future<Response>> sent = new ArrayList<>();
                for (int i = 0; i < logIns; i++) {
                    sent.add(pool.submit(() -> {
                        together.await();
                        return client().body(Map.of("accessToken", token)).post("/api/auth/social/kakao");
                    }));
                }
                Set<String> accounts = new HashSet<>();
                for (Future<Response> logIn : sent) {
                    Response response = logIn.get(30, TimeUnit.SECONDS);
                    assertThat(response.statusCode())
                            .as("round %d: %s", round, response.asString())
                            .isEqualTo(200);
                    accounts.add(response.path("accountId"));
                }
                assertThat(accounts).as("round %d", round).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A first log-in that looked the identity up just before a racing first log-in of it committed finds the email
     * taken, by the very account it is about to open. The email's row alone stands for that commit here: the race
     * itself is too narrow to hit at will.
     */
    @Test
    void canLogInForTheFirstTimeWhileARacingFirstLogInHoldsTheEmail() {
        long kakaoId = System.nanoTime();
        String email = uniqueEmail("racing");
        FakeKakao.user("racing-" + kakaoId, kakaoId, "Racing Friend", email);
        String accountId = AccountId.forSocialIdentity(new SocialIdentity("kakao", Long.toString(kakaoId)))
                .value();
        jdbc.sql("INSERT INTO account_credentials (account_id, email_hash, roles) VALUES (:id, :email, '')")
                .param("id", accountId)
                .param("email", lookupHashes.of(CredentialStore.normalizeEmail(email)))
                .update();

        client().body(Map.of("accessToken", "racing-" + kakaoId))
                .post("/api/auth/social/kakao")
                .then()
                .statusCode(200)
                .body("accountId", equalTo(accountId));
    }

    @Test
    void cannotOpenASecondAccountWithAnEmailAlreadyRegistered() {
        Member member = api.signUp("Registered First");
        long kakaoId = System.nanoTime();
        FakeKakao.user(
                "same-email-" + kakaoId, kakaoId, "Same Email", member.email().toUpperCase());

        client().body(Map.of("accessToken", "same-email-" + kakaoId))
                .post("/api/auth/social/kakao")
                .then()
                .statusCode(409)
                .body("code", equalTo("SOCIAL_EMAIL_TAKEN"))
                .body("detail", containsString("/api/me/social/kakao"));
        assertThat(jdbc.sql("SELECT count(*) FROM account_social_lookup WHERE subject_hash = :subject")
                        .param("subject", lookupHashes.of(Long.toString(kakaoId)))
                        .query(Long.class)
                        .single())
                .isZero();
    }

    /** A provider's email that only looks like another account's is no email to key an account by. */
    @Test
    void aProvidersLookAlikeEmailOpensAnAccountWithoutOne() {
        Member member = api.signUp("Imitated Member");
        String[] parts = member.email().split("@");
        for (String lookAlike :
                List.of(parts[0] + "\u200b@" + parts[1], "\uff41" + parts[0].substring(1) + "@" + parts[1])) {
            long kakaoId = System.nanoTime();
            FakeKakao.user("look-alike-" + kakaoId, kakaoId, "Imitator", lookAlike);
            String token = client().body(Map.of("accessToken", "look-alike-" + kakaoId))
                    .post("/api/auth/social/kakao")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("accessToken");
            client().header("Authorization", "Bearer " + token)
                    .get("/api/me")
                    .then()
                    .statusCode(200)
                    .body("email", nullValue());
        }
    }

    /** "Log in to it and link the provider" is no way out for an account that resigned. */
    @Test
    void cannotOpenAnAccountWithTheEmailOfOneThatResigned() {
        Member member = api.signUp("Resigned Before Kakao");
        member.request().delete("/api/me").then().statusCode(204);
        long kakaoId = System.nanoTime();
        FakeKakao.user("resigned-email-" + kakaoId, kakaoId, "Returning", member.email());
        client().body(Map.of("accessToken", "resigned-email-" + kakaoId))
                .post("/api/auth/social/kakao")
                .then()
                .statusCode(409)
                .body("code", equalTo("EMAIL_RESIGNED"));
    }

    @Test
    void aMemberLinksAProviderAndThenLogsInThroughIt() {
        Member member = api.signUp("Linker");
        long kakaoId = System.nanoTime();
        FakeKakao.user("link-" + kakaoId, kakaoId, "Linker At Kakao", member.email());

        member.request()
                .body(Map.of("accessToken", "link-" + kakaoId))
                .post("/api/me/social/kakao")
                .then()
                .statusCode(204);
        member.request()
                .body(Map.of("accessToken", "link-" + kakaoId))
                .post("/api/me/social/kakao")
                .then()
                .statusCode(204);
        client().body(Map.of("accessToken", "link-" + kakaoId))
                .post("/api/auth/social/kakao")
                .then()
                .statusCode(200)
                .body("accountId", equalTo(member.accountId()));

        Member other = api.signUp("Link Thief");
        other.request()
                .body(Map.of("accessToken", "link-" + kakaoId))
                .post("/api/me/social/kakao")
                .then()
                .statusCode(409)
                .body("code", equalTo("SOCIAL_IDENTITY_TAKEN"));
        other.request()
                .body(Map.of("accessToken", "never-issued"))
                .post("/api/me/social/kakao")
                .then()
                .statusCode(401)
                .body("code", equalTo("SOCIAL_TOKEN_INVALID"));
        client().body(Map.of("accessToken", "link-" + kakaoId))
                .post("/api/me/social/kakao")
                .then()
                .statusCode(401);

        List<String> linked = api.admin()
                .request()
                .get("/api/audit/aggregates/" + member.accountId() + "/events")
                .then()
                .statusCode(200)
                .extract()
                .path("findAll { it.type == 'SocialIdentityLinked' }.payload.provider");
        assertThat(linked).containsExactly("kakao");
    }

    /** Each link asks the provider, as a social log-in does: one member sent them as fast as it could, all answered. */
    @Test
    void linkingAProviderIsRateLimitedPerClientAddressAsASocialLogInIs() {
        Member member = api.signUp("Hasty Linker");
        String address = randomClientAddress();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 45 && !statuses.contains(429); i++) {
            Response response = given().header("Authorization", "Bearer " + member.accessToken())
                    .header("X-Forwarded-For", address)
                    .contentType(ContentType.JSON)
                    .body(Map.of("accessToken", "never-issued-" + i))
                    .post("/api/me/social/kakao");
            statuses.add(response.statusCode());
            if (response.statusCode() == 429) {
                response.then().body("code", equalTo("RATE_LIMITED")).header("Retry-After", notNullValue());
            } else {
                response.then().statusCode(401).body("code", equalTo("SOCIAL_TOKEN_INVALID"));
            }
        }
        assertThat(statuses).contains(429);
        member.request()
                .body(Map.of("accessToken", "never-issued"))
                .post("/api/me/social/kakao")
                .then()
                .statusCode(401);
    }
}
