package io.hindsight.platform;

import static io.hindsight.funding.CampaignSteps.createCampaign;
import static io.hindsight.support.Api.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.hindsight.account.guard.LookupHashes;
import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.Projections;
import io.restassured.response.Response;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One rule for every text a client sends, in bodies, query parameters and paths: no NUL, no unpaired
 * surrogate, no control character (tabs and line breaks only in long texts); any other text round-trips.
 */
class TextInputIT extends IntegrationTest {

    /** JSON string literals, escaped as a client would send them. */
    private static final List<String> HOSTILE = List.of(
            "Mina\\u0000Kim",
            "Mina\\ud800",
            "\\udc00Mina",
            "Mina\\u0007",
            "Mina\\u0085",
            "Mina\\nKim",
            "Mina\\u2028Kim");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    LookupHashes lookupHashes;

    @AfterEach
    void nothingStalls() {
        Projections.awaitAllCaughtUp(api.admin());
    }

    @Test
    void cannotSignUpWithANameOrNicknameThatIsNotText() {
        for (String hostile : HOSTILE) {
            String email = uniqueEmail("text");
            expectInvalidText(
                    client().body("{\"email\":\"%s\",\"password\":\"password-1\",\"name\":\"%s\"}"
                                    .formatted(email, hostile))
                            .post("/api/auth/signup"),
                    "name");
            expectInvalidText(
                    client().body("{\"email\":\"%s\",\"password\":\"password-1\",\"name\":\"Mina\",\"nickname\":\"%s\"}"
                                    .formatted(email, hostile))
                            .post("/api/auth/signup"),
                    "nickname");
            assertThat(jdbc.sql("SELECT count(*) FROM account_credentials WHERE email_hash = :email")
                            .param("email", lookupHashes.of(email.toLowerCase()))
                            .query(Long.class)
                            .single())
                    .isZero();
        }
    }

    @Test
    void cannotChangeOrCorrectAProfileToTextThatIsNot() {
        Member member = api.signUp("Plain Text");
        Member admin = api.admin();
        for (String hostile : HOSTILE) {
            expectInvalidText(
                    member.request()
                            .body("{\"name\":\"%s\"}".formatted(hostile))
                            .patch("/api/me"),
                    "name");
            expectInvalidText(
                    member.request()
                            .body("{\"nickname\":\"%s\"}".formatted(hostile))
                            .patch("/api/me"),
                    "nickname");
            expectInvalidText(
                    admin.request()
                            .body("{\"effectiveFrom\":\"%s\",\"name\":\"%s\"}".formatted(Instant.now(), hostile))
                            .post("/api/admin/users/" + member.accountId() + "/corrections"),
                    "name");
        }
        member.request()
                .get("/api/me")
                .then()
                .statusCode(200)
                .body("name", equalTo("Plain Text"))
                .body("nickname", equalTo(null));
    }

    @Test
    void cannotNameProductsOrSnacksWithTextThatIsNot() {
        Member admin = api.admin();
        for (String hostile : HOSTILE) {
            expectInvalidText(
                    admin.request()
                            .body("{\"name\":\"%s\",\"price\":100}".formatted(hostile))
                            .post("/api/products"),
                    "name");
            expectInvalidText(
                    admin.request()
                            .body(
                                    "{\"name\":\"%s\",\"url\":\"https://shop.example/x\",\"price\":100,\"currency\":\"KRW\"}"
                                            .formatted(hostile))
                            .post("/api/snacks"),
                    "name");
        }
        expectInvalidText(
                admin.request()
                        .body("{\"name\":\"Tea\",\"description\":\"Jeju\\u0000\",\"price\":100}")
                        .post("/api/products"),
                "description");
        expectInvalidText(
                admin.request()
                        .body("{\"name\":\"Tea\",\"description\":\"Jeju\\ud83c\",\"price\":100}")
                        .post("/api/products"),
                "description");
    }

    @Test
    void queryParametersAndPathSegmentsFollowTheSameRule() {
        Member admin = api.admin();
        admin.request()
                .urlEncodingEnabled(false)
                .get("/api/admin/users?keyword=mi%07na")
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_TEXT"))
                .body("detail", containsString("keyword"));
        admin.request()
                .urlEncodingEnabled(false)
                .get("/api/admin/users?keyword=mi%C2%85na")
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_TEXT"));
        admin.request()
                .urlEncodingEnabled(false)
                .get("/api/spaces/a%07b")
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_TEXT"));
        admin.request()
                .urlEncodingEnabled(false)
                .get("/api/admin/users?keyword=%EA%B9%80%F0%9F%8D%AA")
                .then()
                .statusCode(200);
    }

    @Test
    void emojiKoreanAndRightToLeftTextRoundTripUnchanged() {
        String name = "김민아 🍪 " + UUID.randomUUID().toString().substring(0, 6);
        String nickname = "مينا\u200f" + System.nanoTime() % 100000;
        Member member = api.signUp(uniqueEmail("unicode"), "password-1", name, nickname);
        member.request()
                .get("/api/me")
                .then()
                .statusCode(200)
                .body("name", equalTo(name))
                .body("nickname", equalTo(nickname));
        String changed = "שלום 👨‍👩‍👧 민아";
        member.request().body(Map.of("name", changed)).patch("/api/me").then().statusCode(200);
        member.request().get("/api/me").then().body("name", equalTo(changed));
    }

    /**
     * Text is kept as it was sent, and found in any Unicode form and case: a Mac's file names give Korean decomposed,
     * jamo by jamo, and a Greek word ends in a final sigma in lower case only.
     */
    @Test
    void aWordIsFoundWhicheverUnicodeFormAndSigmaItWasWrittenIn() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String decomposed = Normalizer.normalize("홍길동 ΟΔΟΣ " + tag, Normalizer.Form.NFD);
        Member member = api.signUp(uniqueEmail("forms"), "password-1", decomposed, null);
        Member admin = api.admin();
        Member publisher = api.withRoles("Forms Publisher", "PUBLISHER");
        String campaignId = createCampaign(publisher, decomposed, 100_000, 10_000);
        member.request().get("/api/me").then().statusCode(200).body("name", equalTo(decomposed));

        for (String typed : List.of("홍길동 ΟΔΟΣ " + tag, "길동 οδος " + tag, "동 οδοσ " + tag)) {
            String composed = Normalizer.normalize(typed, Normalizer.Form.NFC);
            assertThat(admin.request()
                            .queryParam("keyword", composed)
                            .get("/api/admin/users")
                            .then()
                            .statusCode(200)
                            .extract()
                            .<List<String>>path("items.accountId"))
                    .as("users matching %s", typed)
                    .contains(member.accountId());
            assertThat(admin.request()
                            .queryParam("q", composed)
                            .get("/api/audit/search")
                            .then()
                            .statusCode(200)
                            .extract()
                            .<List<String>>path("id"))
                    .as("audit search for %s", typed)
                    .contains(member.accountId(), campaignId);
            assertThat(client().queryParam("q", composed)
                            .queryParam("limit", 100)
                            .get("/api/campaigns")
                            .then()
                            .statusCode(200)
                            .extract()
                            .<List<String>>path("items.campaignId"))
                    .as("campaigns titled with %s", typed)
                    .contains(campaignId);
        }
    }

    @Test
    void longTextsMayHoldLineBreaksAndTabsButNamesMayNot() {
        Member admin = api.admin();
        String description = "Jeju green tea\r\n\t50 g 🍵\n녹차";
        Response created = admin.request()
                .body(Map.of("name", "Tea " + UUID.randomUUID(), "description", description, "price", 100))
                .post("/api/products");
        created.then().statusCode(201);
        client().get("/api/products/" + created.path("productId"))
                .then()
                .statusCode(200)
                .body("description", equalTo(description));
        expectInvalidText(
                admin.request()
                        .body(Map.of("name", "Tea\tTwo", "description", description, "price", 100))
                        .post("/api/products"),
                "name");
    }

    /** Text, but nothing to see: a name shown as empty would pass for a missing one, and a space-only one is refused. */
    @Test
    void aNameOrTitleThatShowsNothingIsRefusedLikeAnEmptyOne() {
        Member admin = api.admin();
        Member publisher = api.withRoles("Invisible Publisher", "PUBLISHER");
        for (String showsNothing : List.of("\u200b", "\u00a0\u2060", "\u00ad", "\u0301", " \ufeff ")) {
            client().body(Map.of("email", uniqueEmail("invisible"), "password", "password-1", "name", showsNothing))
                    .post("/api/auth/signup")
                    .then()
                    .statusCode(400);
            admin.request()
                    .body(Map.of("name", showsNothing, "price", 100))
                    .post("/api/products")
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("VALIDATION_FAILED"));
            publisher
                    .request()
                    .body(Map.of(
                            "title",
                            showsNothing,
                            "targetAmount",
                            10_000,
                            "fundingUnit",
                            1_000,
                            "endsOn",
                            LocalDate.now().plusDays(30).toString()))
                    .post("/api/campaigns")
                    .then()
                    .statusCode(400);
            publisher
                    .request()
                    .body(Map.of("name", showsNothing))
                    .patch("/api/me")
                    .then()
                    .statusCode(400);
            // a nickname of nothing visible had taken the empty look-alike key from everyone else
            publisher
                    .request()
                    .body(Map.of("nickname", showsNothing))
                    .patch("/api/me")
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("VALIDATION_FAILED"));
        }
        publisher
                .request()
                .body(Map.of("nickname", "\u202e" + "eman-kcin"))
                .patch("/api/me")
                .then()
                .statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"));
        publisher
                .request()
                .body(Map.of("nickname", "shown-" + UUID.randomUUID().toString().substring(0, 8)))
                .patch("/api/me")
                .then()
                .statusCode(200);
        publisher
                .request()
                .body(Map.of("nickname", ""))
                .patch("/api/me")
                .then()
                .statusCode(200)
                .body("nickname", nullValue());
    }

    /** A pasted name brings Unicode's spaces around it (no-break, ideographic, zero-width): none is kept. */
    @Test
    void spacesOfAnyKindAroundANameOrTitleAreNotKept() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Member member =
                api.signUp(uniqueEmail("spaces"), "password-1", "\u00a0Mina Kim\u3000", "\u2003mina-" + tag + "\u200b");
        member.request()
                .get("/api/me")
                .then()
                .statusCode(200)
                .body("name", equalTo("Mina Kim"))
                .body("nickname", equalTo("mina-" + tag));
        member.request()
                .body(Map.of("name", "\ufeffMina\u00a0Park\u202f"))
                .patch("/api/me")
                .then()
                .statusCode(200)
                .body("name", equalTo("Mina\u00a0Park"));
        String productId = api.admin()
                .request()
                .body(Map.of("name", "\u3000Tea " + tag + "\u00a0", "price", 100))
                .post("/api/products")
                .then()
                .statusCode(201)
                .extract()
                .path("productId");
        client().get("/api/products/" + productId).then().statusCode(200).body("name", equalTo("Tea " + tag));
        Member publisher = api.withRoles("Spaced Publisher", "PUBLISHER");
        String campaignId = createCampaign(publisher, "\u00a0Garden " + tag + "\u3000", 100_000, 10_000);
        client().get("/api/campaigns/" + campaignId).then().statusCode(200).body("title", equalTo("Garden " + tag));
        String snackId = member.request()
                .body(Map.of(
                        "name",
                        "\u2002Crisps " + tag + "\u00a0",
                        "url",
                        "https://a.example/c",
                        "currency",
                        "KRW",
                        "price",
                        1_500))
                .post("/api/snacks")
                .then()
                .statusCode(201)
                .extract()
                .path("snackId");
        member.request().get("/api/snacks/" + snackId).then().statusCode(200).body("name", equalTo("Crisps " + tag));
    }

    private static void expectInvalidText(Response response, String field) {
        response.then()
                .statusCode(400)
                .body("code", equalTo("INVALID_TEXT"))
                .body("detail", containsString("'" + field + "'"));
    }
}
