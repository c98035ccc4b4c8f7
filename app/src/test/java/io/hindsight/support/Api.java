package io.hindsight.support;

import static io.hindsight.support.IntegrationTest.client;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Small helpers for the calls most tests need first: an account and its tokens. */
public final class Api {

    public Api() {}

    public static String uniqueEmail(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@hindsight.test";
    }

    public Member signUp(String name) {
        return signUp(uniqueEmail(name.toLowerCase().replace(' ', '-')), "password-" + name, name, null);
    }

    public Member signUp(String email, String password, String name, String nickname) {
        Map<String, Object> body = new HashMap<>();
        body.put("email", email);
        body.put("password", password);
        body.put("name", name);
        if (nickname != null) {
            body.put("nickname", nickname);
        }
        Response response = client().body(body).post("/api/auth/signup");
        response.then().statusCode(201);
        return new Member(
                response.path("accountId"),
                email,
                password,
                response.path("accessToken"),
                response.path("refreshToken"));
    }

    /** A member with an open wallet holding {@code amount} KRW: a guest who pays for bookings, a backer. */
    public Member signUpWithWallet(String name, long amount) {
        return withWallet(signUp(name), amount);
    }

    /** Opens the member's wallet and deposits {@code amount} KRW into it. */
    public Member withWallet(Member member, long amount) {
        member.request().post("/api/wallet").then().statusCode(201);
        if (amount > 0) {
            member.request()
                    .body(Map.of("amount", amount))
                    .post("/api/wallet/deposits")
                    .then()
                    .statusCode(200);
        }
        return member;
    }

    public Member admin() {
        return logIn(IntegrationTest.ADMIN_EMAIL, IntegrationTest.ADMIN_PASSWORD);
    }

    public Member logIn(String email, String password) {
        Response response =
                client().body(Map.of("email", email, "password", password)).post("/api/auth/login");
        response.then().statusCode(200);
        return new Member(
                response.path("accountId"),
                email,
                password,
                response.path("accessToken"),
                response.path("refreshToken"));
    }

    /** An account with the given roles granted by the bootstrap ADMIN, logged in afresh. */
    public Member withRoles(String name, String... roles) {
        Member member = signUp(name);
        changeRoles(member.accountId(), roles);
        return logIn(member.email(), member.password());
    }

    /** An ADMIN gives the account exactly these roles (and MEMBER); its tokens are voided. */
    public void changeRoles(String accountId, String... roles) {
        rolesChange(admin(), accountId, roles).then().statusCode(200);
    }

    public static Response rolesChange(Member admin, String accountId, String... roles) {
        return admin.request().body(Map.of("roles", roles)).put("/api/admin/users/" + accountId + "/roles");
    }

    public record Member(String accountId, String email, String password, String accessToken, String refreshToken) {

        public RequestSpecification request() {
            return client().header("Authorization", "Bearer " + accessToken);
        }

        /** Registers a snack named {@code namePrefix} and a random suffix (1,000 KRW); answers its id. */
        public String registersSnack(String namePrefix) {
            return request()
                    .body(Map.of(
                            "name",
                            namePrefix + " " + UUID.randomUUID(),
                            "url",
                            "https://shop.example/r",
                            "price",
                            1000,
                            "currency",
                            "KRW"))
                    .post("/api/snacks")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("snackId");
        }
    }
}
