package io.hindsight.account;

import static io.hindsight.support.Api.uniqueEmail;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.hindsight.support.FakeKakao;
import io.hindsight.support.IntegrationTest;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SocialLoginIT extends IntegrationTest {

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
    }
}
