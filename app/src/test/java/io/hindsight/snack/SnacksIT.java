package io.hindsight.snack;

import static io.hindsight.snack.SnackCalls.react;
import static io.hindsight.snack.SnackCalls.register;
import static io.hindsight.snack.SnackCalls.registered;
import static io.hindsight.snack.SnackCalls.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.Projections;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class SnacksIT extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aMemberRegistersASnackEveryoneCanSee() {
        Member member = api.signUp("Snacker");
        String name = uniqueName("Honey Butter Chip");
        Response created = register(member, name, 1500, "krw");
        created.then().statusCode(201).header("Location", startsWith("/api/snacks/"));
        String snackId = created.path("snackId");
        created.then().header("Location", "/api/snacks/" + snackId);

        api.signUp("Other")
                .request()
                .get("/api/snacks/" + snackId)
                .then()
                .statusCode(200)
                .body("snackId", equalTo(snackId))
                .body("name", equalTo(name))
                .body("price", equalTo(1500))
                .body("currency", equalTo("KRW"))
                .body("likes", equalTo(0))
                .body("hates", equalTo(0))
                .body("ratio", nullValue())
                .body("url", startsWith("https://shop.example/"))
                .body("registeredBy", equalTo(member.accountId()));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> member.request()
                        .queryParam("limit", 1000)
                        .queryParam("sort", "newest")
                        .get("/api/snacks")
                        .then()
                        .statusCode(200)
                        .body("items.snackId", hasItem(snackId)));
    }

    @Test
    void aNameIsTakenWhateverItsLetterCaseOrSpacing() {
        Member member = api.signUp("Namer");
        String name = uniqueName("Choco Pie");
        registered(member, name, 500);
        register(api.signUp("Copier"), "  " + name.toUpperCase().replace(" ", "   ") + " ", 700, "KRW")
                .then()
                .statusCode(409)
                .body("code", equalTo("SNACK_EXISTS"));
        // look-alikes: a no-break space, a zero-width space, full-width letters
        for (String lookAlike : List.of(
                name.replace(" ", "\u00a0"),
                name + "\u200b",
                name.replace("C", "\uFF23").replace("P", "\uFF30"))) {
            register(api.signUp("Sly Copier"), lookAlike, 700, "KRW")
                    .then()
                    .statusCode(409)
                    .body("code", equalTo("SNACK_EXISTS"));
        }
    }

    /** Σ is the capital of σ and of the final ς, I of i and of the dotless ı: lowered alone, each pair was two names. */
    @Test
    void aNameIsTakenInTheOtherCaseOfAGreekSigmaOrADotlessI() {
        Member member = api.signUp("Case Namer");
        String sigma = uniqueName("\u03a3ouvlaki");
        String ink = uniqueName("Ink cake");
        registered(member, "\u03c2" + sigma.substring(1), 500);
        registered(member, "\u0131" + ink.substring(1), 500);
        for (String otherCase : List.of(sigma, "\u03c3" + sigma.substring(1), ink, "i" + ink.substring(1))) {
            register(api.signUp("Case Copier"), otherCase, 700, "KRW")
                    .then()
                    .statusCode(409)
                    .body("code", equalTo("SNACK_EXISTS"));
        }
    }

    @Test
    void aNameThatNormalizationLengthensIsKeptAndStillTakenByItsLookAlikes() {
        Member member = api.signUp("Long Namer");
        // 69 characters as sent: NFC writes each nukta letter as two (129), the key's NFKC each U+FDFA as eighteen
        String nukta = uniqueName("\u0958".repeat(60));
        String ligatures = uniqueName("\uFDFA".repeat(60));
        for (String name : List.of(nukta, ligatures)) {
            String snackId = registered(member, name, 500);
            String shown = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFC);
            member.request()
                    .get("/api/snacks/" + snackId)
                    .then()
                    .statusCode(200)
                    .body("name", equalTo(shown));
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> member.request()
                            .queryParam("sort", "newest")
                            .queryParam("limit", 1000)
                            .get("/api/snacks")
                            .then()
                            .statusCode(200)
                            .body("items.snackId", hasItem(snackId)));
            register(api.signUp("Long Copier"), name.toUpperCase() + "\u200b", 700, "KRW")
                    .then()
                    .statusCode(409)
                    .body("code", equalTo("SNACK_EXISTS"));
        }
    }

    @Test
    void aNameMustShowSomethingAndShowAsItself() {
        Member member = api.signUp("Blank Namer");
        // nothing but invisible characters, or a mark without a letter: a name that shows nothing
        for (String showsNothing : List.of("\u200b", "\u200b\u200c", "\u2060", "\u00ad", "\u0301", "\u00a0\u200b")) {
            register(member, showsNothing, 100, "KRW")
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("VALIDATION_FAILED"))
                    .body("detail", equalTo("A snack needs a name"));
        }
        // "Choco Pie ..." written backwards after a right-to-left override shows exactly as the original
        String name = uniqueName("Choco Pie");
        registered(member, name, 500);
        register(member, "\u202e" + new StringBuilder(name).reverse(), 500, "KRW")
                .then()
                .statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"));
        registered(member, uniqueName("Emoji \ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67 box"), 500);
    }

    @Test
    void aPriceIsAWholeNumberHoweverItIsWritten() {
        Member member = api.signUp("Pricer");
        Map<String, Object> body =
                new HashMap<>(Map.of("name", uniqueName("Priced"), "url", "https://a.example/p", "currency", "KRW"));
        body.put("price", new BigDecimal("1.0"));
        String snackId = member.request()
                .body(body)
                .post("/api/snacks")
                .then()
                .statusCode(201)
                .extract()
                .path("snackId");
        member.request()
                .body(Map.of("price", new BigDecimal("2.00")))
                .patch("/api/snacks/" + snackId)
                .then()
                .statusCode(200)
                .body("price", equalTo(2));
        for (BigDecimal notAPrice : List.of(new BigDecimal("1.5"), new BigDecimal("1e30"), new BigDecimal("-1.0"))) {
            body.put("name", uniqueName("Mispriced"));
            body.put("price", notAPrice);
            member.request()
                    .body(body)
                    .post("/api/snacks")
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("VALIDATION_FAILED"));
            member.request()
                    .body(Map.of("price", notAPrice))
                    .patch("/api/snacks/" + snackId)
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("VALIDATION_FAILED"));
        }
    }

    @Test
    void badSnacksAreRefusedWithAReason() {
        Member member = api.signUp("Sloppy");
        Map<String, Object> valid =
                Map.of("name", uniqueName("Valid"), "url", "https://a.example/x", "price", 100, "currency", "KRW");
        List<Map<String, Object>> bad = List.of(
                with(valid, "name", " "),
                with(valid, "name", "x".repeat(101)),
                with(valid, "url", "javascript:alert(1)"),
                with(valid, "url", "not a url"),
                with(valid, "price", -1),
                with(valid, "price", "cheap"),
                with(valid, "currency", "XYZ"),
                with(valid, "currency", "DOLLARS"),
                with(valid, "imageUrl", "data:image/png,xx"),
                with(valid, "price", 1_000_000_000_001L),
                with(valid, "currency", null));
        for (Map<String, Object> body : bad) {
            member.request()
                    .body(body)
                    .post("/api/snacks")
                    .then()
                    .statusCode(400)
                    .body("code", notNullValue());
        }
        member.request()
                .body("{\"name\": ")
                .post("/api/snacks")
                .then()
                .statusCode(400)
                .body("code", equalTo("MALFORMED_REQUEST"));
        client().body(valid).post("/api/snacks").then().statusCode(401);
        member.request().body(valid).post("/api/snacks").then().statusCode(201);
    }

    @Test
    void reactionsCanBeSwitchedAndWithdrawnButNotRepeated() {
        Member member = api.signUp("Reactor");
        Member other = api.signUp("Other Reactor");
        String snackId = registered(member, "Pepero");

        react(member, snackId, "LIKE")
                .then()
                .statusCode(200)
                .body("likes", equalTo(1))
                .body("hates", equalTo(0))
                .body("reaction", equalTo("LIKE"));
        react(other, snackId, "LIKE").then().statusCode(200).body("likes", equalTo(2));
        react(member, snackId, "LIKE")
                .then()
                .statusCode(409)
                .body("code", equalTo("DUPLICATE_REACTION"))
                .body("detail", startsWith("You already like"));
        react(member, snackId, "HATE")
                .then()
                .statusCode(200)
                .body("likes", equalTo(1))
                .body("hates", equalTo(1));
        react(member, snackId, "HATE").then().statusCode(409).body("code", equalTo("DUPLICATE_REACTION"));
        member.request()
                .delete("/api/snacks/" + snackId + "/reaction")
                .then()
                .statusCode(200)
                .body("likes", equalTo(1))
                .body("hates", equalTo(0))
                .body("reaction", nullValue());
        member.request()
                .delete("/api/snacks/" + snackId + "/reaction")
                .then()
                .statusCode(200)
                .body("likes", equalTo(1))
                .body("hates", equalTo(0));
        react(member, snackId, "HATE")
                .then()
                .statusCode(200)
                .body("likes", equalTo(1))
                .body("hates", equalTo(1));

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> member.request()
                        .get("/api/snacks/" + snackId)
                        .then()
                        .statusCode(200)
                        .body("likes", equalTo(1))
                        .body("hates", equalTo(1))
                        .body("ratio", equalTo(1.0f))
                        .body("myReaction", equalTo("HATE")));
        other.request().get("/api/snacks/" + snackId).then().body("myReaction", equalTo("LIKE"));
    }

    @Test
    void reactingNeedsAnExistingSnackAndAKnownReaction() {
        Member member = api.signUp("Confused");
        react(member, "00000000-0000-4000-8000-000000000000", "LIKE")
                .then()
                .statusCode(404)
                .body("code", equalTo("SNACK_NOT_FOUND"));
        react(member, "not-a-snack", "LIKE").then().statusCode(404).body("code", equalTo("SNACK_NOT_FOUND"));
        react(member, "x".repeat(300), "LIKE").then().statusCode(404);
        member.request()
                .delete("/api/snacks/00000000-0000-4000-8000-000000000000/reaction")
                .then()
                .statusCode(404);
        String snackId = registered(member, "Real");
        react(member, snackId, "LOVE").then().statusCode(400).body("code", equalTo("MALFORMED_REQUEST"));
        member.request()
                .body(Map.of())
                .put("/api/snacks/" + snackId + "/reaction")
                .then()
                .statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"));
        member.request().get("/api/snacks/" + member.accountId()).then().statusCode(404);
    }

    @Test
    void aSnacksCountsCanBeToldAsOfAnyInstant() {
        Member first = api.signUp("Early");
        Member second = api.signUp("Late");
        Instant beforeRegistration = Instant.now();
        String snackId = registered(first, "Timeline");
        react(first, snackId, "LIKE").then().statusCode(200);
        react(second, snackId, "HATE").then().statusCode(200);
        Instant afterTwoReactions = Instant.now();
        react(second, snackId, "LIKE").then().statusCode(200);
        first.request().delete("/api/snacks/" + snackId + "/reaction").then().statusCode(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            first.request()
                    .get("/api/snacks/" + snackId)
                    .then()
                    .body("likes", equalTo(1))
                    .body("hates", equalTo(0))
                    .body("myReaction", nullValue());
            first.request()
                    .queryParam("asOf", afterTwoReactions.toString())
                    .get("/api/snacks/" + snackId)
                    .then()
                    .statusCode(200)
                    .body("likes", equalTo(1))
                    .body("hates", equalTo(1))
                    .body("myReaction", equalTo("LIKE"))
                    .body("asOf", equalTo(afterTwoReactions.toString()));
        });
        first.request()
                .queryParam("asOf", beforeRegistration.toString())
                .get("/api/snacks/" + snackId)
                .then()
                .statusCode(404)
                .body("code", equalTo("SNACK_NOT_FOUND"));
        first.request()
                .queryParam("asOf", "yesterday")
                .get("/api/snacks/" + snackId)
                .then()
                .statusCode(400);
    }

    /**
     * A member's switches are rows of their own: the member's view stays the same size however often they switch
     * (it kept every switch as a timeline, rewritten whole at each one), and the counts as of any instant between
     * switches, and just before each, are the ones then.
     */
    @Test
    void aReactionSwitchedOftenKeepsItsViewSmallAndItsPastExact() {
        Member switcher = api.signUp("Switcher");
        Member steady = api.signUp("Steady");
        String snackId = registered(steady, "Switched often");
        react(steady, snackId, "HATE").then().statusCode(200);
        List<String> reactions = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String reaction = i % 5 == 4 ? null : i % 2 == 0 ? "LIKE" : "HATE";
            if (reaction == null) {
                switcher.request()
                        .delete("/api/snacks/" + snackId + "/reaction")
                        .then()
                        .statusCode(200);
            } else {
                react(switcher, snackId, reaction).then().statusCode(200);
            }
            reactions.add(reaction);
        }
        Projections.awaitAllCaughtUp(api.admin());
        String reactionId = "snack-reaction:" + snackId + ":" + switcher.accountId();
        assertThat(jdbc.sql("SELECT octet_length(view::text) FROM snack_reaction_view WHERE aggregate_id = :id")
                        .param("id", reactionId)
                        .query(Integer.class)
                        .single())
                .as("the switcher's view after 40 switches")
                .isLessThan(400);

        List<String> stamps = api.admin()
                .request()
                .get("/api/audit/aggregates/" + reactionId + "/events")
                .then()
                .statusCode(200)
                .extract()
                .path("timestamp");
        assertThat(stamps).hasSize(40);
        for (int i = 0; i < stamps.size(); i++) {
            Instant at = Instant.parse(stamps.get(i));
            assertCountsAsOf(switcher, snackId, at, reactions.get(i));
            assertCountsAsOf(switcher, snackId, at.minusNanos(1_000), i == 0 ? null : reactions.get(i - 1));
        }
    }

    private static void assertCountsAsOf(Member switcher, String snackId, Instant at, String switchersReaction) {
        switcher.request()
                .queryParam("asOf", at.toString())
                .get("/api/snacks/" + snackId)
                .then()
                .statusCode(200)
                .body("likes", equalTo("LIKE".equals(switchersReaction) ? 1 : 0))
                .body("hates", equalTo("HATE".equals(switchersReaction) ? 2 : 1))
                .body("myReaction", equalTo(switchersReaction));
    }

    /**
     * ISO 4217 also lists codes for no currency (XXX), testing (XTS), gold (XAU) and a unit of account (XDR): a snack
     * had been priced in them, though no price is paid in them and they have no minor unit to count one in.
     */
    @Test
    void cannotPriceASnackInACodeThatIsNoMoney() {
        Member member = api.signUp("Gold Pricer");
        for (String currency : List.of("XXX", "xts", "XAU", "XDR")) {
            register(member, uniqueName("Priced In " + currency), 100, currency)
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("VALIDATION_FAILED"));
        }
        register(member, uniqueName("Priced In Yen"), 100, "jpy").then().statusCode(201);
    }

    /**
     * Protocol words fold the case of ASCII letters only (as the space list's sort does): Java's upper case read a
     * long s as S, a dotless i as I and the ligature st as ST, so a currency written {@code uſd} registered a USD snack
     * and the figures answered in USD, and the sorts {@code ratıo} and {@code neweﬆ} were ratio and newest.
     */
    @Test
    void protocolWordsFoldOnlyTheCaseOfAsciiLetters() {
        Member member = api.signUp("Unicode Folder");
        for (String currency : List.of("u\u017Fd", "\u0131ls")) {
            member.request()
                    .body(Map.of(
                            "name",
                            uniqueName("Folded"),
                            "url",
                            "https://a.example/folded",
                            "price",
                            100,
                            "currency",
                            currency))
                    .post("/api/snacks")
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("VALIDATION_FAILED"));
        }
        String snack = register(member, uniqueName("Lower Case Dollar"), 100, "usd")
                .then()
                .statusCode(201)
                .extract()
                .path("snackId");
        member.request().get("/api/snacks/" + snack).then().statusCode(200).body("currency", equalTo("USD"));

        for (String sort : List.of("rat\u0131o", "newe\uFB06")) {
            member.request()
                    .queryParam("sort", sort)
                    .get("/api/snacks")
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("VALIDATION_FAILED"));
        }
        member.request().queryParam("sort", "Newest").get("/api/snacks").then().statusCode(200);

        Member admin = api.admin();
        admin.request()
                .queryParam("granularity", "range")
                .queryParam("currency", "u\u017Fd")
                .get("/api/stats/snack-orders")
                .then()
                .statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"));
        admin.request()
                .queryParam("granularity", "Range")
                .queryParam("currency", "usd")
                .get("/api/stats/snack-orders")
                .then()
                .statusCode(200)
                .body("[0].currency", equalTo("USD"));
    }

    @Test
    void theListSortsAndPagesAndRefusesUnknownSorts() {
        Member member = api.signUp("Lister");
        member.request()
                .queryParam("sort", "price")
                .get("/api/snacks")
                .then()
                .statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"));
        member.request()
                .queryParam("limit", 1001)
                .get("/api/snacks")
                .then()
                .statusCode(400)
                .body("code", equalTo("LIMIT_TOO_LARGE"));
        registered(member, "Paged A");
        registered(member, "Paged B");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> member.request()
                        .queryParam("limit", 1)
                        .queryParam("offset", 1)
                        .queryParam("sort", "name")
                        .get("/api/snacks")
                        .then()
                        .statusCode(200)
                        .body("items.size()", equalTo(1))
                        .body("limit", equalTo(1))
                        .body("offset", equalTo(1))
                        .body("total", greaterThanOrEqualTo(2)));
        client().get("/api/snacks").then().statusCode(401);
    }

    private static Map<String, Object> with(Map<String, Object> base, String field, Object value) {
        Map<String, Object> copy = new HashMap<>(base);
        copy.put(field, value);
        return copy;
    }
}
