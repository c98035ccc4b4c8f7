package io.hindsight.account;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.Projections;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Log-ins, failed log-ins, lock-outs, refreshes, revoked sessions and log-outs are events of the account:
 * in its audit trail with who, from where and as part of which request - and never with a secret.
 */
class AccessEventsIT extends IntegrationTest {

    @Test
    void everyAccessToAnAccountIsInItsAuditTrailWithoutASecret() {
        Member member = api.signUp("Accessed");
        String failedFrom = randomClientAddress();
        from(failedFrom, "access-failed")
                .body(Map.of("email", member.email(), "password", "not-the-password"))
                .post("/api/auth/login")
                .then()
                .statusCode(401);
        String loggedInFrom = randomClientAddress();
        Response login = from(loggedInFrom, "access-login")
                .body(Map.of("email", member.email(), "password", member.password()))
                .post("/api/auth/login");
        login.then().statusCode(200);
        Response refreshed = from(loggedInFrom, "access-refresh")
                .body(Map.of("refreshToken", login.path("refreshToken")))
                .post("/api/auth/refresh");
        refreshed.then().statusCode(200);
        String thiefAddress = randomClientAddress();
        from(thiefAddress, "access-reuse")
                .body(Map.of("refreshToken", login.path("refreshToken")))
                .post("/api/auth/refresh")
                .then()
                .statusCode(401);
        from(thiefAddress, "access-reuse-again")
                .body(Map.of("refreshToken", login.path("refreshToken")))
                .post("/api/auth/refresh")
                .then()
                .statusCode(401);
        from(loggedInFrom, "access-logout")
                .header("Authorization", "Bearer " + member.accessToken())
                .post("/api/auth/logout")
                .then()
                .statusCode(204);

        Member admin = api.admin();
        String trail = admin.request()
                .get("/api/audit/aggregates/" + member.accountId() + "/events")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        JsonPath events = JsonPath.from(trail);
        assertThat(events.getList("type", String.class))
                .containsExactly(
                        "AccountSignedUp", "LogInFailed", "LoggedIn", "TokensRefreshed", "SessionRevoked", "LoggedOut");

        assertThat(events.getString("[1].actorId")).isEqualTo("anonymous");
        assertThat(events.getString("[1].correlationId")).isEqualTo("access-failed");
        assertThat(events.getString("[1].payload.clientAddress")).isEqualTo(failedFrom);
        assertThat(events.getString("[1].payload.reason")).isEqualTo("WRONG_PASSWORD");

        String session = events.getString("[2].payload.session");
        assertThat(events.getString("[2].actorId")).isEqualTo(member.accountId());
        assertThat(events.getString("[2].correlationId")).isEqualTo("access-login");
        assertThat(events.getString("[2].payload.clientAddress")).isEqualTo(loggedInFrom);
        assertThat(events.getString("[2].payload.socialProvider")).isNull();

        assertThat(events.getString("[3].actorId")).isEqualTo(member.accountId());
        assertThat(events.getString("[3].payload.session")).isEqualTo(session);

        assertThat(events.getString("[4].actorId")).isEqualTo("system");
        assertThat(events.getString("[4].correlationId")).isEqualTo("access-reuse");
        assertThat(events.getString("[4].payload.session")).isEqualTo(session);
        assertThat(events.getString("[4].payload.clientAddress")).isEqualTo(thiefAddress);
        assertThat(events.getString("[4].payload.reason")).isEqualTo("REFRESH_TOKEN_REUSED");

        assertThat(events.getString("[5].actorId")).isEqualTo(member.accountId());
        assertThat(events.getString("[5].correlationId")).isEqualTo("access-logout");
        assertThat(events.getString("[5].payload.session")).isNotEqualTo(session);

        for (int i = 1; i < 6; i++) {
            assertThat(events.getList("[" + i + "].changes"))
                    .as("changes of event %d", i)
                    .isEmpty();
        }
        assertThat(trail)
                .doesNotContain(member.password())
                .doesNotContain("not-the-password")
                .doesNotContain(member.accessToken())
                .doesNotContain(member.refreshToken())
                .doesNotContain(login.<String>path("accessToken"))
                .doesNotContain(login.<String>path("refreshToken"))
                .doesNotContain(refreshed.<String>path("refreshToken"));

        api.logIn(member.email(), member.password())
                .request()
                .get("/api/me")
                .then()
                .statusCode(200);
        admin.request()
                .get("/api/admin/users/" + member.accountId() + "/history")
                .then()
                .statusCode(200)
                .body("size()", org.hamcrest.Matchers.equalTo(1));
    }

    @Test
    void aLockOutIsRecordedOnceAndTheAttemptsItRefusesAreNot() {
        Member member = api.signUp("Locked Out");
        String address = randomClientAddress();
        for (int i = 0; i < 10; i++) {
            from(randomClientAddress(), "lock-" + i)
                    .body(Map.of("email", member.email(), "password", "guess-" + i))
                    .post("/api/auth/login")
                    .then()
                    .statusCode(401);
        }
        for (int i = 0; i < 3; i++) {
            from(address, "locked-" + i)
                    .body(Map.of("email", member.email(), "password", member.password()))
                    .post("/api/auth/login")
                    .then()
                    .statusCode(429);
        }

        JsonPath events = api.admin()
                .request()
                .get("/api/audit/aggregates/" + member.accountId() + "/events")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<String> types = events.getList("type", String.class);
        assertThat(types).hasSize(12);
        assertThat(types.subList(1, 11)).containsOnly("LogInFailed");
        assertThat(types.get(11)).isEqualTo("AccountLockedOut");
        assertThat(events.getString("[11].correlationId")).isEqualTo("lock-9");
        assertThat(events.getInt("[11].payload.failedAttempts")).isEqualTo(10);
    }

    @Test
    void theAccountsReadModelIgnoresAccessEventsAndItsReplayIsVerified() {
        Member member = api.signUp("Replayed Access");
        api.logIn(member.email(), member.password()).request().post("/api/auth/logout");
        client().body(Map.of("email", member.email(), "password", "wrong-password"))
                .post("/api/auth/login")
                .then()
                .statusCode(401);
        Member admin = api.admin();
        Projections.awaitAllCaughtUp(admin);

        Projections.assertReplayIdentical(admin, "accounts");
    }

    private static RequestSpecification from(String address, String correlationId) {
        return given().header("X-Forwarded-For", address)
                .header("X-Correlation-Id", correlationId)
                .contentType(ContentType.JSON);
    }
}
