package io.hindsight.account;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.SecondNode;
import io.hindsight.support.StallingLink;
import io.hindsight.support.StandaloneApp;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

class AuthTokensIT extends IntegrationTest {

    @Value("${hindsight.jwt.secret}")
    String secret;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    Environment environment;

    @Autowired
    JdbcClient jdbc;

    /**
     * A refresh token is kept for its fourteen days and no longer: it was stored and given its expiry in two calls, so
     * a node that died between them (or a Redis call that timed out) left a token that never expired.
     */
    @Test
    void aRefreshTokenIsKeptWithItsExpiryFromTheStart() throws Exception {
        Member member = api.signUp("Expiring");
        String key = refreshKeyOf(member.refreshToken());
        assertThat(redis.<String, String>opsForHash().entries(key))
                .containsEntry("account", member.accountId())
                .containsEntry("state", "ACTIVE")
                .containsKeys("family", "issuedAt");
        assertThat(redis.getExpire(key, TimeUnit.SECONDS))
                .isBetween(
                        Duration.ofDays(14).toSeconds() - 60,
                        Duration.ofDays(14).toSeconds());
    }

    @Test
    void refreshRotatesThePair() {
        Member member = api.signUp("Rotate");
        Response refreshed =
                client().body(Map.of("refreshToken", member.refreshToken())).post("/api/auth/refresh");
        refreshed
                .then()
                .statusCode(200)
                .body("refreshToken", not(equalTo(member.refreshToken())))
                .body("accountId", equalTo(member.accountId()));

        client().header("Authorization", "Bearer " + refreshed.path("accessToken"))
                .get("/api/me")
                .then()
                .statusCode(200);
        client().body(Map.of("refreshToken", refreshed.path("refreshToken")))
                .post("/api/auth/refresh")
                .then()
                .statusCode(200);
    }

    @Test
    void reusingASpentRefreshTokenRevokesTheWholeFamily() {
        Member member = api.signUp("Reuse");
        Response rotated =
                client().body(Map.of("refreshToken", member.refreshToken())).post("/api/auth/refresh");
        rotated.then().statusCode(200);

        client().body(Map.of("refreshToken", member.refreshToken()))
                .post("/api/auth/refresh")
                .then()
                .statusCode(401)
                .body("code", equalTo("REFRESH_TOKEN_INVALID"));

        client().body(Map.of("refreshToken", rotated.path("refreshToken")))
                .post("/api/auth/refresh")
                .then()
                .statusCode(401);
        client().header("Authorization", "Bearer " + rotated.path("accessToken"))
                .get("/api/me")
                .then()
                .statusCode(401)
                .body("code", equalTo("TOKEN_REVOKED"));
        client().header("Authorization", "Bearer " + member.accessToken())
                .get("/api/me")
                .then()
                .statusCode(401);
        api.logIn(member.email(), member.password())
                .request()
                .get("/api/me")
                .then()
                .statusCode(200);
    }

    /**
     * A refresh token is spent by one use, however many presentations of it race: the spend is one atomic step, so at
     * most one of them gets a new pair, and the others are re-use, which revokes the family with that new pair.
     */
    @Test
    void aRefreshTokenPresentedManyTimesAtOnceIsSpentOnce() throws Exception {
        int racers = 8;
        ExecutorService threads = Executors.newFixedThreadPool(racers);
        try {
            for (int round = 0; round < 20; round++) {
                Member member = api.signUp("Racing Refresher " + round);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Response>> answers = new ArrayList<>();
                for (int i = 0; i < racers; i++) {
                    answers.add(threads.submit(() -> {
                        start.await();
                        return client().body(Map.of("refreshToken", member.refreshToken()))
                                .post("/api/auth/refresh");
                    }));
                }
                start.countDown();
                List<Response> done = new ArrayList<>();
                for (Future<Response> answer : answers) {
                    done.add(answer.get(30, TimeUnit.SECONDS));
                }

                // 409: presented while the one that took it was still issuing its pair (see the test below)
                assertThat(done)
                        .extracting(Response::statusCode)
                        .as("round %d", round)
                        .isSubsetOf(200, 401, 409);
                List<Response> rotated =
                        done.stream().filter(r -> r.statusCode() == 200).toList();
                assertThat(rotated)
                        .as("new pairs from one refresh token, round %d", round)
                        .hasSizeLessThanOrEqualTo(1);
                client().body(Map.of("refreshToken", member.refreshToken()))
                        .post("/api/auth/refresh")
                        .then()
                        .statusCode(401)
                        .body("code", equalTo("REFRESH_TOKEN_INVALID"));
                for (Response pair : rotated) {
                    client().body(Map.of("refreshToken", pair.path("refreshToken")))
                            .post("/api/auth/refresh")
                            .then()
                            .statusCode(401)
                            .body("code", equalTo("REFRESH_TOKEN_INVALID"));
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * A refresh whose Redis answer came too late - Redis had spent the token, the node had given up waiting and
     * answered 503 - left the token spent: the client's retry, as the 503 asks, was taken for a stolen token presented
     * twice, and it ended the session. Now the retry is told to wait out the lost attempt's lease, then gets its pair.
     */
    @Test
    void aRefreshWhoseRedisAnswerCameTooLateLeavesTheTokenToTheRetry() throws Exception {
        Member member = api.signUp("Late Answer");
        int redisPort = environment.getRequiredProperty("spring.data.redis.port", Integer.class);
        Response early;
        // the node that lost the answer leased the token for 10 s: ample for the retry below on a busy machine
        try (StallingLink link = new StallingLink(redisPort);
                StandaloneApp node = SecondNode.start(
                        environment,
                        "spring.data.redis.port=" + link.port(),
                        "hindsight.roles=command",
                        "hindsight.jwt.refresh-lease=PT10S")) {
            // a first refresh loads the script into Redis: a script Redis does not hold yet is refused (NOSCRIPT) and
            // sent whole only after that refusal, which the stalled link would have held back, so nothing was spent
            given().port(node.port())
                    .contentType("application/json")
                    .body(Map.of("refreshToken", api.signUp("Script Loader").refreshToken()))
                    .post("/api/auth/refresh")
                    .then()
                    .statusCode(200);
            link.stallRepliesAfter(refreshKeyOf(member.refreshToken()));
            given().port(node.port())
                    .contentType("application/json")
                    .body(Map.of("refreshToken", member.refreshToken()))
                    .post("/api/auth/refresh")
                    .then()
                    .statusCode(503);
            assertThat(link.stalled()).as("the spend reached Redis").isTrue();
            link.release();
            early = client().body(Map.of("refreshToken", member.refreshToken())).post("/api/auth/refresh");
        }
        early.then().statusCode(409).body("code", equalTo("REFRESH_IN_PROGRESS"));
        TimeUnit.SECONDS.sleep(Long.parseLong(early.header("Retry-After")));
        String access = client().body(Map.of("refreshToken", member.refreshToken()))
                .post("/api/auth/refresh")
                .then()
                .statusCode(200)
                .extract()
                .path("accessToken");
        client().header("Authorization", "Bearer " + access)
                .get("/api/me")
                .then()
                .statusCode(200);
        // and spent for good once it gave a pair
        client().body(Map.of("refreshToken", member.refreshToken()))
                .post("/api/auth/refresh")
                .then()
                .statusCode(401)
                .body("code", equalTo("REFRESH_TOKEN_INVALID"));
    }

    private static String refreshKeyOf(String token) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        return "hs:auth:refresh:" + HexFormat.of().formatHex(digest);
    }

    @Test
    void unknownRefreshTokensAreRefused() {
        client().body(Map.of("refreshToken", "not-a-token"))
                .post("/api/auth/refresh")
                .then()
                .statusCode(401)
                .body("code", equalTo("REFRESH_TOKEN_INVALID"));
        client().body(Map.of()).post("/api/auth/refresh").then().statusCode(400);
        // an access token (longer than a refresh token) or any long text is no refresh token either: 401, not 400
        for (String notARefreshToken : List.of(api.signUp("Mixed Up").accessToken(), "x".repeat(5_000))) {
            client().body(Map.of("refreshToken", notARefreshToken))
                    .post("/api/auth/refresh")
                    .then()
                    .statusCode(401)
                    .body("code", equalTo("REFRESH_TOKEN_INVALID"));
        }
    }

    @Test
    void logOutTakesEffectAtOnce() {
        Member member = api.signUp("Logout");
        Member otherSession = api.logIn(member.email(), member.password());
        member.request().post("/api/auth/logout").then().statusCode(204);

        member.request().get("/api/me").then().statusCode(401).body("code", equalTo("TOKEN_REVOKED"));
        client().body(Map.of("refreshToken", member.refreshToken()))
                .post("/api/auth/refresh")
                .then()
                .statusCode(401);
        otherSession.request().get("/api/me").then().statusCode(200);
        client().post("/api/auth/logout").then().statusCode(401);
    }

    /**
     * Sign-up, log-in and refresh carry their own credentials: an expired or revoked access token a client still sends
     * along (a default header) is ignored there, where it was refused with 401 and a client whose access token had
     * expired could never refresh it. Every endpoint that reads the caller still refuses it, public ones included.
     */
    @Test
    void aStaleTokenSentAlongToLogInOrRefreshIsIgnored() {
        Member member = api.signUp("Stale header");
        String expired = signed(Map.of("sub", member.accountId()), Instant.now().minusSeconds(60));
        member.request().post("/api/auth/logout").then().statusCode(204);
        String revoked = member.accessToken();

        for (String stale : List.of(expired, revoked, "not-a-token")) {
            Member again = api.logIn(member.email(), member.password());
            String refreshed = client().header("Authorization", "Bearer " + stale)
                    .body(Map.of("refreshToken", again.refreshToken()))
                    .post("/api/auth/refresh")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("accessToken");
            client().header("Authorization", "Bearer " + refreshed)
                    .get("/api/me")
                    .then()
                    .statusCode(200)
                    .body("accountId", equalTo(member.accountId()));
            client().header("Authorization", "Bearer " + stale)
                    .body(Map.of("email", member.email(), "password", member.password()))
                    .post("/api/auth/login")
                    .then()
                    .statusCode(200);
            client().header("Authorization", "Bearer " + stale)
                    .body(Map.of(
                            "email", "stale-" + UUID.randomUUID() + "@hindsight.test",
                            "password", "password-stale",
                            "name", "Stale Sign-up"))
                    .post("/api/auth/signup")
                    .then()
                    .statusCode(201);

            client().header("Authorization", "Bearer " + stale)
                    .get("/api/me")
                    .then()
                    .statusCode(401);
            client().header("Authorization", "Bearer " + stale)
                    .queryParam("includeInactive", true)
                    .get("/api/products")
                    .then()
                    .statusCode(401);
        }
    }

    @Test
    void canHaveTokensCheckedByRedisAloneWhileNoneWereEverVoided() {
        Member member = api.signUp("Redis only");
        String cutOff = "hs:auth:valid-after:" + member.accountId();
        redis.delete(cutOff);

        member.request().get("/api/me").then().statusCode(200);

        assertThat(redis.hasKey(cutOff)).isTrue();
    }

    @Test
    void cannotUseAnAcceptedTokenPastItsExpiry() {
        Member member = api.signUp("Expiry");
        String shortLived = Jwts.builder()
                .subject(member.accountId())
                .issuer("hindsight")
                .audience()
                .add("hindsight-api")
                .and()
                .claim("roles", List.of("MEMBER"))
                .claim("fam", "short-lived-" + member.accountId())
                .claim("iat_ms", Instant.now().toEpochMilli())
                // whole seconds: 3 s leaves the first request at least 2 s to be let in
                .expiration(Date.from(Instant.now().plusSeconds(3)))
                .signWith(Keys.hmacShaKeyFor(secret.getBytes(StandardCharsets.UTF_8)), Jwts.SIG.HS256)
                .compact();
        client().header("Authorization", "Bearer " + shortLived)
                .get("/api/me")
                .then()
                .statusCode(200);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> expectInvalid(shortLived));
    }

    @Test
    void tamperedAndForeignTokensAreRefused() {
        Member member = api.signUp("Tamper");
        String[] parts = member.accessToken().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"MEMBER\"", "\"ADMIN\"");
        String forgedPayload =
                Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8));

        expectInvalid(parts[0] + "." + forgedPayload + "." + parts[2]);
        String noneHeader = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        expectInvalid(noneHeader + "." + forgedPayload + ".");
        expectInvalid(
                signed(Map.of("aud", List.of("someone-else")), Instant.now().plusSeconds(60)));
        expectInvalid(signed(Map.of(), Instant.now().minusSeconds(60)));
        expectInvalid(Jwts.builder()
                .subject(member.accountId())
                .issuer("hindsight")
                .audience()
                .add("hindsight-api")
                .and()
                .expiration(Date.from(Instant.now().plusSeconds(60)))
                .signWith(Keys.hmacShaKeyFor(
                        "a-completely-different-secret-of-32+bytes".getBytes(StandardCharsets.UTF_8)))
                .compact());
        client().header("Authorization", "Basic dXNlcjpwYXNz")
                .get("/api/me")
                .then()
                .statusCode(401);
        member.request().get("/api/me").then().statusCode(200);
    }

    /**
     * A log-in or refresh that overlapped a role change had issued tokens with the roles it read before the change,
     * dated after the change's cut-off: a demoted ADMIN kept an ADMIN token and could promote itself again.
     */
    @Test
    void noLogInOrRefreshOverlappingADemotionOutlivesIt() throws Exception {
        Member admin = api.admin();
        ExecutorService racers = Executors.newFixedThreadPool(3);
        try {
            for (int round = 0; round < 6; round++) {
                Member demoted = api.withRoles("Demoted " + round, "ADMIN");
                List<Future<String>> tokens = List.of(
                        racers.submit(() -> accessTokenOfLogIn(demoted)),
                        racers.submit(() -> accessTokenOfLogIn(demoted)),
                        racers.submit(() -> accessTokenOfRefresh(demoted)));
                admin.request()
                        .body(Map.of("roles", List.of("MEMBER")))
                        .put("/api/admin/users/" + demoted.accountId() + "/roles")
                        .then()
                        .statusCode(200);
                for (Future<String> token : tokens) {
                    String issued = token.get(30, TimeUnit.SECONDS);
                    if (issued != null) {
                        assertThat(client().header("Authorization", "Bearer " + issued)
                                        .get("/api/admin/users")
                                        .statusCode())
                                .as("an ADMIN call with a token issued around the demotion, round %d", round)
                                .isIn(401, 403);
                    }
                }
            }
        } finally {
            racers.shutdownNow();
        }
    }

    /** The same for a resignation: a log-in overlapping it had handed the resigned account a working token. */
    @Test
    void noLogInOverlappingAResignationOutlivesIt() throws Exception {
        ExecutorService racers = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 6; round++) {
                Member leaving = api.signUp("Leaving " + round);
                List<Future<String>> tokens = List.of(
                        racers.submit(() -> accessTokenOfLogIn(leaving)),
                        racers.submit(() -> accessTokenOfLogIn(leaving)));
                leaving.request().delete("/api/me").then().statusCode(204);
                for (Future<String> token : tokens) {
                    String issued = token.get(30, TimeUnit.SECONDS);
                    if (issued != null) {
                        assertThat(client().header("Authorization", "Bearer " + issued)
                                        .body(Map.of("name", "Still Here"))
                                        .patch("/api/me")
                                        .statusCode())
                                .as("a write with a token issued around the resignation, round %d", round)
                                .isEqualTo(401);
                    }
                }
            }
        } finally {
            racers.shutdownNow();
        }
    }

    private static String accessTokenOfLogIn(Member member) {
        Response answer = client().body(Map.of("email", member.email(), "password", member.password()))
                .post("/api/auth/login");
        return answer.statusCode() == 200 ? answer.path("accessToken") : null;
    }

    private static String accessTokenOfRefresh(Member member) {
        Response answer =
                client().body(Map.of("refreshToken", member.refreshToken())).post("/api/auth/refresh");
        return answer.statusCode() == 200 ? answer.path("accessToken") : null;
    }

    @Test
    void changingThePasswordRevokesTokensAndNeedsTheCurrentOne() {
        Member member = api.signUp("Passwd");
        member.request()
                .body(Map.of("currentPassword", "not-my-password", "newPassword", "brand-new-pass"))
                .put("/api/me/password")
                .then()
                .statusCode(400)
                .body("code", equalTo("WRONG_PASSWORD"));
        member.request()
                .body(Map.of("currentPassword", member.password(), "newPassword", "short"))
                .put("/api/me/password")
                .then()
                .statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("detail", equalTo("The request body is not valid"));

        member.request()
                .body(Map.of("currentPassword", member.password(), "newPassword", "brand-new-pass"))
                .put("/api/me/password")
                .then()
                .statusCode(204);

        member.request().get("/api/me").then().statusCode(401);
        client().body(Map.of("email", member.email(), "password", member.password()))
                .post("/api/auth/login")
                .then()
                .statusCode(401);
        api.logIn(member.email(), "brand-new-pass")
                .request()
                .get("/api/me")
                .then()
                .statusCode(200);
    }

    /**
     * A node whose clock runs two minutes ahead changed the password: its cut-off lies two minutes ahead of this
     * node's clock. Tokens were dated by the issuing node's clock, so every log-in on the other nodes for the next
     * two minutes gave tokens already void (401 TOKEN_REVOKED); they are dated by the database's clock now, never
     * before the cut-off.
     */
    @Test
    void aLogInAfterACutOffSetByANodeWhoseClockIsAheadGivesTokensThatWork() {
        Member member = api.signUp("Clock ahead");
        jdbc.sql("UPDATE account_credentials SET tokens_valid_after = clock_timestamp() + interval '2 minutes'"
                        + " WHERE account_id = :id")
                .param("id", member.accountId())
                .update();
        redis.delete("hs:auth:valid-after:" + member.accountId());
        member.request().get("/api/me").then().statusCode(401).body("code", equalTo("TOKEN_REVOKED"));

        Member again = api.logIn(member.email(), member.password());

        again.request().get("/api/me").then().statusCode(200);
        String refreshed = client().body(Map.of("refreshToken", again.refreshToken()))
                .post("/api/auth/refresh")
                .then()
                .statusCode(200)
                .extract()
                .path("accessToken");
        client().header("Authorization", "Bearer " + refreshed)
                .get("/api/me")
                .then()
                .statusCode(200);
    }

    private String signed(Map<String, Object> overrides, Instant expiry) {
        var builder = Jwts.builder()
                .subject("someone")
                .issuer("hindsight")
                .claim("roles", List.of("ADMIN"))
                .claim("fam", "f")
                .claim("iat_ms", Instant.now().toEpochMilli())
                .expiration(Date.from(expiry))
                .signWith(Keys.hmacShaKeyFor(secret.getBytes(StandardCharsets.UTF_8)));
        if (overrides.containsKey("aud")) {
            builder.audience().add("someone-else");
        } else {
            builder.audience().add("hindsight-api");
        }
        return builder.compact();
    }

    private static void expectInvalid(String token) {
        client().header("Authorization", "Bearer " + token)
                .get("/api/me")
                .then()
                .statusCode(401)
                .body("code", equalTo("TOKEN_INVALID"));
    }
}
