package io.hindsight.platform;

import static io.hindsight.support.Api.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.hindsight.booking.BookingApi;
import io.hindsight.snack.SnackCalls;
import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HostileInputIT extends IntegrationTest {

    @Test
    void oversizedBodiesAre413() {
        String huge = "x".repeat(70 * 1024);
        client().body(Map.of("email", uniqueEmail("big"), "password", "password-1", "name", huge))
                .post("/api/auth/signup")
                .then()
                .statusCode(413)
                .body("code", equalTo("PAYLOAD_TOO_LARGE"))
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void malformedOrMistypedBodiesAre400() {
        client().body("{\"email\": ")
                .post("/api/auth/signup")
                .then()
                .statusCode(400)
                .body("code", equalTo("MALFORMED_REQUEST"));
        client().body(Map.of("email", uniqueEmail("g"), "password", "password-1", "name", "G", "gender", "DRAGON"))
                .post("/api/auth/signup")
                .then()
                .statusCode(400)
                .body("code", equalTo("MALFORMED_REQUEST"))
                .body("detail", equalTo("The field 'gender' has a value of the wrong type or an unknown value"));
        client().body("[1,2,3]").post("/api/auth/login").then().statusCode(400);
        Member member = api.signUp("Typed Name");
        for (String notText : List.of("1e999999", "42", "true")) {
            member.request()
                    .body("{\"name\": " + notText + "}")
                    .patch("/api/me")
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("MALFORMED_REQUEST"))
                    .body("detail", equalTo("The field 'name' has a value of the wrong type or an unknown value"));
        }
        member.request().get("/api/me").then().body("name", equalTo("Typed Name"));
        client().body(Map.of("email", "x".repeat(400) + "@a.b", "password", "p".repeat(100), "name", "n"))
                .post("/api/auth/signup")
                .then()
                .statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"));
    }

    /** Each of these Jackson read as something the client did not say (a 500 for the key given twice). */
    @Test
    void aBodyThatSaysTwoThingsOrTheWrongKindOfThingIs400() {
        Member member = api.signUp("Strict Reader");
        String booking = "{\"spaceId\": \"%s\", \"date\": \"2030-01-01\", \"option\": \"DAY\", \"headcount\": %s}";
        List<Response> refused = List.of(
                member.request().body("{\"amount\": 5, \"amount\": 7}").post("/api/wallet/deposits"),
                member.request().body("{\"amount\": 5} {\"amount\": 700000}").post("/api/wallet/deposits"),
                member.request().body("{\"amount\": \"100\"}").post("/api/wallet/deposits"),
                member.request()
                        .body("{\"name\": \"Twice\", \"name\": \"Once\"}")
                        .patch("/api/me"),
                member.request().body("{\"gender\": 0}").patch("/api/me"),
                member.request().body("{\"gender\": \"FEMALE \"}").patch("/api/me"),
                member.request()
                        .body(booking.formatted(UUID.randomUUID(), "1.5"))
                        .post("/api/bookings"),
                member.request()
                        .body(booking.formatted(UUID.randomUUID(), "\"2\""))
                        .post("/api/bookings"),
                member.request()
                        .body(booking.formatted(UUID.randomUUID(), "\"\""))
                        .post("/api/bookings"));
        assertThat(refused)
                .allSatisfy(response -> response.then()
                        .statusCode(400)
                        .contentType(startsWith("application/problem+json"))
                        .body("code", equalTo("MALFORMED_REQUEST")));
        member.request()
                .get("/api/me")
                .then()
                .body("name", equalTo("Strict Reader"))
                .body("gender", equalTo(null));
        // Jackson trimmed a named value it could not find, and a NUL or a control character went with the spaces
        for (String trimmed : List.of("FEMALE\\u0000", "FEMALE\\u0007")) {
            member.request()
                    .body("{\"gender\": \"" + trimmed + "\"}")
                    .patch("/api/me")
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("INVALID_TEXT"));
        }
        Member admin = api.admin();
        admin.request()
                .body("{\"roles\": [\"MEMBER\", \"HOST\\u0000\"]}")
                .put("/api/admin/users/" + member.accountId() + "/roles")
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_TEXT"));
        admin.request().get("/api/admin/users/" + member.accountId()).then().body("roles", equalTo(List.of("MEMBER")));
    }

    /** Tomcat read them as U+FFFD, and the search answered 200 with nothing found. */
    @Test
    void cannotSendAQueryParameterThatIsNoUtf8() {
        for (String notUtf8 : List.of("%ED%A0%80", "%FF", "%C0%80", "%F4%90%80%80")) {
            client().urlEncodingEnabled(false)
                    .get("/api/campaigns?q=" + notUtf8)
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("INVALID_TEXT"));
        }
        client().urlEncodingEnabled(false)
                .get("/api/campaigns?q=%EC%BB%A4%ED%94%BC")
                .then()
                .statusCode(200);
        // in the path Tomcat refuses such bytes before the application sees them
        client().urlEncodingEnabled(false)
                .get("/api/campaigns/x%FF")
                .then()
                .statusCode(400)
                .body("code", equalTo("MALFORMED_REQUEST"));
    }

    /**
     * Jackson's UTF-8 reader decoded overlong forms: {@code C0 A2} became a quote and {@code C1 81} an A, so a name
     * was stored as q"x and an enum written D, C1 81, Y read as DAY; a code point past U+10FFFF was told as a surrogate.
     */
    @Test
    void aBodyThatIsNotUtf8Is400BeforeItIsRead() {
        Member member = api.signUp("Byte Reader");
        List<byte[]> notUtf8 = List.of(
                bytes(0xC0, 0xA2),
                bytes(0xC0, 0xAF),
                bytes(0xE0, 0x80, 0xAF),
                bytes(0xC1, 0x81),
                bytes(0xED, 0xA0, 0x80),
                bytes(0xF4, 0x90, 0x80, 0x80),
                bytes(0xFF),
                bytes(0x80));
        for (byte[] bad : notUtf8) {
            member.request()
                    .body(snackWithName("q", bad, "x"))
                    .post("/api/snacks")
                    .then()
                    .statusCode(400)
                    .contentType(startsWith("application/problem+json"))
                    .body("code", equalTo("MALFORMED_REQUEST"))
                    .body("detail", startsWith("The request body is not UTF-8"));
        }
        // KR and an overlong W (C1 97) was the currency KRW
        member.request()
                .body(concat(
                        ("{\"name\": \"Overlong " + UUID.randomUUID()
                                        + "\", \"url\": \"https://x.example/\", \"price\": 1," + " \"currency\": \"KR")
                                .getBytes(StandardCharsets.UTF_8),
                        bytes(0xC1, 0x97, 0x22, 0x7D)))
                .post("/api/snacks")
                .then()
                .statusCode(400)
                .body("code", equalTo("MALFORMED_REQUEST"));
        // every well-formed sequence is still text: two, three and four bytes
        String kept = "q\u00e9\ucee4\ud83c\udf6a" + UUID.randomUUID();
        String snackId = member.request()
                .body(snackWithName(kept, new byte[0], ""))
                .post("/api/snacks")
                .then()
                .statusCode(201)
                .extract()
                .path("snackId");
        member.request().get("/api/snacks/" + snackId).then().statusCode(200).body("name", equalTo(kept));
    }

    /**
     * A body declared in another charset is text in that charset or refused. Spring gave one declared UTF-16 or UTF-32
     * to Jackson, which guessed UTF-8 from the bytes and read overlong forms (C1 81 became an A again), and decoded one
     * in windows-1252 with U+FFFD for the byte 81, which it has no character for, stored as the snack's name.
     */
    @Test
    void aBodyIsTextInTheCharsetItDeclaresOrRefused() {
        Member member = api.signUp("Charset Reader");
        Map<String, byte[]> notInTheirCharset = Map.of(
                "utf-16", snackWithName("q", bytes(0xC1, 0x81), "x"),
                "utf-32", snackWithName("q", bytes(0xC1, 0x81), "x"),
                "UTF-16BE", snackWithName("q", bytes(0xC0, 0xA2), "x"),
                "windows-1252", snackWithName("q", bytes(0x81), "x"),
                "US-ASCII", snackWithName("q", bytes(0xE9), "x"));
        notInTheirCharset.forEach((charset, body) -> member.request()
                .contentType("application/json; charset=" + charset)
                .body(body)
                .post("/api/snacks")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("MALFORMED_REQUEST")));
        // text in the charset it declares is still read as that text
        for (Charset charset : List.of(StandardCharsets.UTF_16, StandardCharsets.ISO_8859_1)) {
            String name = "caf\u00e9 " + UUID.randomUUID();
            String snackId = member.request()
                    .contentType("application/json; charset=" + charset.name())
                    .body(("{\"name\": \"" + name + "\", \"url\": \"https://x.example/" + UUID.randomUUID()
                                    + "\", \"price\": 1, \"currency\": \"KRW\"}")
                            .getBytes(charset))
                    .post("/api/snacks")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("snackId");
            member.request()
                    .get("/api/snacks/" + snackId)
                    .then()
                    .statusCode(200)
                    .body("name", equalTo(name));
        }
    }

    private static byte[] snackWithName(String before, byte[] bad, String after) {
        return concat(
                ("{\"name\": \"" + before).getBytes(StandardCharsets.UTF_8),
                bad,
                (after + "\", \"url\": \"https://x.example/" + UUID.randomUUID()
                                + "\", \"price\": 1, \"currency\": \"KRW\"}")
                        .getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    /** Spring took the first of a repeated text parameter, so ?limit=5&limit=1000 was read as five. */
    @Test
    void aQueryParameterGivenTwiceIs400() {
        for (String query : List.of("q=a&q=b", "offset=0&limit=5&limit=1000", "q=a&%71=b", "q&q=")) {
            client().urlEncodingEnabled(false)
                    .get("/api/campaigns?" + query)
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("VALIDATION_FAILED"))
                    .body("errors[0].message", equalTo("is given more than once"));
        }
        client().urlEncodingEnabled(false)
                .get("/api/campaigns?q=a&Q=b&limit=5")
                .then()
                .statusCode(200);
        // the access check comes first: nothing about a protected endpoint's input is told to a caller without a token
        client().urlEncodingEnabled(false)
                .get("/api/admin/users?limit=1&limit=2")
                .then()
                .statusCode(401);
    }

    @Test
    void aWordOfTheProtocolIgnoresTheCaseOfAsciiLettersOnly() {
        client().get("/api/stores?open=FALSE").then().statusCode(200);
        client().get("/api/stores?open=fal\u017fe").then().statusCode(400).body("code", equalTo("MALFORMED_REQUEST"));
        Member admin = api.admin();
        admin.request().get("/api/admin/users?role=admin").then().statusCode(200);
        admin.request()
                .get("/api/admin/users?role=adm\u0131n")
                .then()
                .statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"));
        // an enum value, as api.md says: Spring's conversion refused any case but the constant's own
        client().get("/api/campaigns?status=funding").then().statusCode(200);
        client().get("/api/campaigns?status=Funding").then().statusCode(200);
        client().get("/api/campaigns?status=fund\u0131ng")
                .then()
                .statusCode(400)
                .body("code", equalTo("MALFORMED_REQUEST"))
                .body("detail", containsString("FUNDING"));
        client().get("/api/spaces?sort=PRICE_ASC").then().statusCode(200);
        client().get("/api/spaces?sort=pr\u0131ce_asc").then().statusCode(400).body("code", equalTo("UNKNOWN_SORT"));
        // the ligature st upper-cases to ST by Unicode: newest spelt with it was answered as newest
        client().get("/api/campaigns?sort=NEWEST").then().statusCode(200);
        client().get("/api/campaigns?sort=newe\uFB06").then().statusCode(400).body("code", equalTo("UNKNOWN_SORT"));
        // the Kelvin sign lower-cases to k by Unicode
        admin.request()
                .queryParam("types", "socialidentitylinked")
                .get("/api/events")
                .then()
                .statusCode(200);
        admin.request()
                .queryParam("types", "SocialIdentityLin\u212Aed")
                .get("/api/events")
                .then()
                .statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"));
    }

    @Test
    void aRequiredQueryParameterLeftOutIsAFieldMissing() {
        client().get("/api/spaces/space-1/availability")
                .then()
                .statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].field", equalTo("date"));
    }

    /** Sent exactly so (no charset after it), Spring failed on the wildcard: a 500 anyone could cause. */
    @Test
    void aBodyOfNoNamedTypeIs415() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String wildcard : List.of("*/*", "application/*", "text/*")) {
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/auth/login"))
                            .header("Content-Type", wildcard)
                            .header("X-Forwarded-For", randomClientAddress())
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"email\": \"x@example.com\", \"password\": \"password-1\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(wildcard).isEqualTo(415);
            assertThat(answer.body()).contains("\"UNSUPPORTED_MEDIA_TYPE\"");
        }
    }

    @Test
    void aBodyInAContentCodingIs415AndNamesTheOneTaken() throws Exception {
        Member member = api.signUp("Gzip Sender");
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (var gzip = new java.util.zip.GZIPOutputStream(gzipped)) {
            gzip.write("{\"name\": \"Zipped\"}".getBytes(StandardCharsets.UTF_8));
        }
        for (String coding : List.of("gzip", "identity, gzip", "br")) {
            member.request()
                    .header("Content-Encoding", coding)
                    .body(gzipped.toByteArray())
                    .patch("/api/me")
                    .then()
                    .statusCode(415)
                    .header("Accept-Encoding", "identity")
                    .body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
        }
        member.request()
                .header("Content-Encoding", "Identity")
                .body(Map.of("name", "Plain Sender"))
                .patch("/api/me")
                .then()
                .statusCode(200);
        member.request().get("/api/me").then().body("name", equalTo("Plain Sender"));
    }

    /**
     * Spring read 0x10 and #10 as 16 and Java read digits of any script; Jackson read a number as epoch seconds, and
     * text of digits too.
     */
    @Test
    void numbersAndTimesAreReadAsTheyAreWritten() {
        for (String offset : List.of("0x10", "#10", "\uFF11\uFF16", "1e1", " 16")) {
            given().queryParam("offset", offset)
                    .get("/api/spaces")
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("MALFORMED_REQUEST"));
        }
        for (String limit : List.of("99999999999", "+99999999999999999999999")) {
            given().queryParam("limit", limit)
                    .get("/api/spaces")
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("LIMIT_TOO_LARGE"));
        }
        given().queryParam("offset", "+0")
                .queryParam("limit", "10")
                .get("/api/spaces")
                .then()
                .statusCode(200);
        Member member = api.signUp("Written Times");
        Member admin = api.admin();
        admin.request()
                .queryParam("after", "0x10")
                .get("/api/events")
                .then()
                .statusCode(400)
                .body("code", equalTo("MALFORMED_REQUEST"));
        for (String effectiveFrom :
                List.of("1", "1.5", "[2030, 1, 1, 0, 0]", "true", "\"1796281000\"", "\"-1\"", "\" 1.5\"")) {
            admin.request()
                    .body("{\"effectiveFrom\": " + effectiveFrom + ", \"name\": \"Epoch\"}")
                    .post("/api/admin/users/" + member.accountId() + "/corrections")
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("MALFORMED_REQUEST"));
        }
        for (String date : List.of("[2030, 1, 1]", "\"2030-01-01T20:00:00Z\"", "20300101")) {
            member.request()
                    .body("{\"spaceId\": \"%s\", \"date\": %s, \"option\": \"DAY\", \"headcount\": 2}"
                            .formatted(UUID.randomUUID(), date))
                    .post("/api/bookings")
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("MALFORMED_REQUEST"));
        }
        admin.request().get("/api/admin/users/" + member.accountId()).then().body("name", equalTo("Written Times"));
    }

    /** Jackson trimmed a day or an instant before reading it, and a NUL or a control character went with the spaces. */
    @Test
    void aDayOrAnInstantIsItsTextExactly() {
        Member host = api.withRoles("Exact Day Host", "HOST");
        Member guest = api.signUpWithWallet("Exact Day Guest", 1_000_000);
        Member admin = api.admin();
        String spaceId = BookingApi.registerSpace(host);
        String day = BookingApi.inDays(12).toString();
        String booking = "{\"spaceId\": \"%s\", \"date\": \"%s\", \"option\": \"DAY\", \"headcount\": 4}";
        for (String controlled : List.of(day + "\\u0000", "\\u0007" + day + "\\u001f")) {
            guest.request()
                    .body(booking.formatted(spaceId, controlled))
                    .post("/api/bookings")
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("INVALID_TEXT"))
                    .body("detail", startsWith("The field 'date' holds"));
        }
        for (String spaced : List.of(" " + day, day + " ")) {
            guest.request()
                    .body(booking.formatted(spaceId, spaced))
                    .post("/api/bookings")
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("MALFORMED_REQUEST"))
                    .body("detail", equalTo("The field 'date' has a value of the wrong type or an unknown value"));
        }
        for (String query : List.of(
                "/api/spaces/" + spaceId + "/availability?option=DAY&date=%20" + day,
                "/api/spaces?date=" + day + "%20")) {
            client().urlEncodingEnabled(false)
                    .get(query)
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("MALFORMED_REQUEST"))
                    .body("detail", startsWith("The parameter 'date'"));
        }
        admin.request()
                .urlEncodingEnabled(false)
                .get("/api/stats/snack-orders?from=%20" + day)
                .then()
                .statusCode(400)
                .body("code", equalTo("MALFORMED_REQUEST"));
        guest.request()
                .urlEncodingEnabled(false)
                .get("/api/wallet?asOf=2030-01-01T00:00:00Z%20")
                .then()
                .statusCode(400)
                .body("code", equalTo("MALFORMED_REQUEST"));
        String correction = "{\"effectiveFrom\": \"%s\", \"name\": \"Exact\"}";
        admin.request()
                .body(correction.formatted("2030-01-01T00:00:00Z\\u0000"))
                .post("/api/admin/users/" + guest.accountId() + "/corrections")
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_TEXT"))
                .body("detail", startsWith("The field 'effectiveFrom' holds"));
        admin.request()
                .body(correction.formatted(" 2030-01-01T00:00:00Z"))
                .post("/api/admin/users/" + guest.accountId() + "/corrections")
                .then()
                .statusCode(400)
                .body("code", equalTo("MALFORMED_REQUEST"));

        String orderId = SnackCalls.ordered(guest, SnackCalls.registered(guest, "Exact Arrival"), 1);
        String status = "/api/snack-orders/" + orderId + "/status";
        admin.request().body(Map.of("status", "APPROVED")).post(status).then().statusCode(200);
        String ordered = "{\"status\": \"ORDERED\", \"estimatedArrival\": \"%s\"}";
        admin.request()
                .body(ordered.formatted("\\u0007" + day + "\\u0000"))
                .post(status)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_TEXT"))
                .body("detail", startsWith("The field 'estimatedArrival' holds"));
        admin.request()
                .body(ordered.formatted(day + " "))
                .post(status)
                .then()
                .statusCode(400)
                .body("code", equalTo("MALFORMED_REQUEST"));

        // none of them was applied: the slot is free and the order still waits to be ordered
        guest.request()
                .body(booking.formatted(spaceId, day))
                .post("/api/bookings")
                .then()
                .statusCode(201);
        admin.request()
                .body(ordered.formatted(day))
                .post(status)
                .then()
                .statusCode(200)
                .body("estimatedArrival", equalTo(day));
        admin.request().get("/api/admin/users/" + guest.accountId()).then().body("name", equalTo("Exact Day Guest"));
    }

    /** Spring read 1, yes and on as true (and 0, no, off as false): a client's typo changed what it was shown. */
    @Test
    void aBooleanParameterIsTrueOrFalseAndNothingElse() {
        for (String notABoolean : List.of("1", "0", "yes", "no", "on", "off", "t", " true", "true ", "true\u200B")) {
            given().queryParam("open", notABoolean)
                    .get("/api/stores")
                    .then()
                    .statusCode(400)
                    .contentType(startsWith("application/problem+json"))
                    .body("code", equalTo("MALFORMED_REQUEST"))
                    .body("detail", equalTo("The parameter 'open' must be true or false"));
        }
        // read as true, this had asked an anonymous caller to log in as an ADMIN
        given().queryParam("includeInactive", "yes")
                .get("/api/products")
                .then()
                .statusCode(400)
                .body("code", equalTo("MALFORMED_REQUEST"))
                .body("detail", equalTo("The parameter 'includeInactive' must be true or false"));
        for (String written : List.of("true", "false", "TRUE", "False")) {
            given().queryParam("open", written).get("/api/stores").then().statusCode(200);
        }
        given().queryParam("includeInactive", "false")
                .get("/api/products")
                .then()
                .statusCode(200);
        given().queryParam("includeInactive", "TRUE")
                .get("/api/products")
                .then()
                .statusCode(401);
        // left empty, as a number left empty, it is not given
        given().queryParam("open", "").get("/api/stores").then().statusCode(200);
    }

    /**
     * Digits past what the parameter's number holds were told to be written "in the digits 0-9", which they were; and
     * then an offset was told its int's range, down to -2147483648, though a negative offset is refused too.
     */
    @Test
    void aWholeNumberPastItsTypeIsOutOfRangeNotMisspelt() {
        for (String offset : List.of("2147483648", "99999999999999999999", "-2147483649")) {
            given().queryParam("offset", offset)
                    .get("/api/spaces")
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("VALIDATION_FAILED"))
                    .body(
                            "detail",
                            equalTo("The parameter 'offset' is out of range: it must lie between 0 and 2147483647"))
                    .body("errors[0].field", equalTo("offset"));
        }
        given().queryParam("people", "2147483648")
                .get("/api/spaces")
                .then()
                .statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors[0].message", equalTo("it must lie between 1 and 2147483647"));
        api.admin()
                .request()
                .queryParam("after", "9223372036854775808")
                .get("/api/events")
                .then()
                .statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"))
                .body(
                        "detail",
                        equalTo("The parameter 'after' is out of range: it must lie between 0 and"
                                + " 9223372036854775807"));
    }

    /**
     * A request whose path and method have a handler, only not for its Content-Type or Accept, was taken for one no
     * handler matches and let through without a token: an anonymous upload without a multipart body was 415, an
     * anonymous read of the event feed asking for XML 406, where every other anonymous call to those endpoints is
     * 401. A public endpoint still answers the media type problem itself.
     */
    @Test
    void anAnonymousCallerIsUnauthenticatedBeforeItsMediaTypesAreJudged() {
        given().contentType("text/plain")
                .body("not an image")
                .post("/api/spaces/" + UUID.randomUUID() + "/images")
                .then()
                .statusCode(401)
                .body("code", equalTo("UNAUTHENTICATED"));
        given().header("Accept", "application/xml")
                .get("/api/events")
                .then()
                .statusCode(401)
                .body("code", equalTo("UNAUTHENTICATED"));
        given().header("Accept", "application/json")
                .get("/api/me/notifications/stream")
                .then()
                .statusCode(401)
                .body("code", equalTo("UNAUTHENTICATED"));
        given().contentType("text/plain")
                .body("{}")
                .post("/api/auth/login")
                .then()
                .statusCode(415)
                .body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
        given().header("Accept", "application/xml")
                .get("/api/stores")
                .then()
                .statusCode(406)
                .body("code", equalTo("NOT_ACCEPTABLE"));
    }

    /**
     * An Accept header Spring cannot read as media types ({@code ;;;}, {@code application/json;q=2}, a byte outside
     * ASCII) made a read answer with an empty body and no type - a 406, or the 400 or 404 it failed with - which no
     * client can tell apart. It is the 406 problem it is, on a read as on a write.
     */
    /** Spring took a type with q=0 as acceptable as any other: Accept: application/json;q=0 was answered JSON, 200. */
    @Test
    void aReadWhoseAcceptRefusesEveryTypeIs406() {
        Member member = api.signUp("Quality Zero");
        for (String accept : List.of("application/json;q=0", "*/*;q=0", "application/json;q=0, */*;q=0.0")) {
            member.request()
                    .accept(accept)
                    .get("/api/me")
                    .then()
                    .statusCode(406)
                    .contentType(startsWith("application/problem+json"))
                    .body("code", equalTo("NOT_ACCEPTABLE"));
        }
        // a type refused beside another it admits: what it admits is answered, or 406 when nothing here is that
        member.request()
                .accept("text/html;q=0, application/json")
                .get("/api/me")
                .then()
                .statusCode(200)
                .contentType(startsWith("application/json"));
        member.request()
                .accept("application/json;q=0, text/html")
                .get("/api/me")
                .then()
                .statusCode(406)
                .body("code", equalTo("NOT_ACCEPTABLE"));
    }

    @Test
    void anUnreadableAcceptIsANotAcceptableProblemOnReadsToo() throws Exception {
        Member admin = api.admin();
        HttpClient http = HttpClient.newHttpClient();
        for (String accept : List.of(";;;", "application/json;q=2", "application/", "\u00e9")) {
            for (String path :
                    List.of("/api/stores", "/api/audit/search", "/api/audit/aggregates/nothing-here/events")) {
                HttpResponse<String> answer = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .header("Authorization", "Bearer " + admin.accessToken())
                                .header("Accept", accept)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(accept + " " + path).isEqualTo(406);
                assertThat(answer.headers().firstValue("Content-Type"))
                        .as(accept + " " + path)
                        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
                assertThat(answer.body()).contains("\"code\":\"NOT_ACCEPTABLE\"");
            }
        }
    }

    /**
     * A success asked for as application/problem+json only was labelled so, though it is no problem: a client that
     * tells answers apart by their type took it for a failure. It is 406, as any other type the answer cannot take.
     */
    @Test
    void aSuccessIsNeverLabelledAProblem() {
        given().header("Accept", "application/problem+json")
                .get("/api/stores")
                .then()
                .statusCode(406)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("NOT_ACCEPTABLE"));
        Member member = api.signUp("Problem Reader");
        member.request()
                .header("Accept", "application/problem+json")
                .get("/api/me")
                .then()
                .statusCode(406)
                .body("code", equalTo("NOT_ACCEPTABLE"));
        // a write is refused before it runs, like a write whose Accept admits no JSON at all
        member.request()
                .header("Accept", "application/problem+json")
                .body(Map.of("name", "Not Renamed"))
                .patch("/api/me")
                .then()
                .statusCode(406)
                .body("code", equalTo("NOT_ACCEPTABLE"));
        member.request().get("/api/me").then().body("name", equalTo("Problem Reader"));
        // a client that takes both is answered JSON, whichever it prefers
        for (String accept :
                List.of("application/problem+json, application/json;q=0.5", "application/*+json", "application/*")) {
            member.request()
                    .header("Accept", accept)
                    .get("/api/me")
                    .then()
                    .statusCode(200)
                    .contentType(startsWith("application/json"));
        }
        // a problem is still a problem when only problems are acceptable
        given().header("Accept", "application/problem+json")
                .get("/api/me")
                .then()
                .statusCode(401)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void anInstantOutsideTheYearsOneTo9999Is400() {
        Member member = api.signUp("Far Future");
        for (String asOf : List.of(
                "+999999999-12-31T23:59:59Z", "-000001-01-01T00:00:00Z", "10000-01-01T00:00:00Z", "-1", "1796183296")) {
            member.request()
                    .queryParam("asOf", asOf)
                    .get("/api/wallet")
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("MALFORMED_REQUEST"));
        }
        for (String lastMoment : List.of("9999-12-31T00:00:00Z", "9999-12-31T23:59:59.999999999Z")) {
            member.request()
                    .queryParam("asOf", lastMoment)
                    .get("/api/me/points")
                    .then()
                    .statusCode(200);
        }
    }

    /** As every other parameter: an instant or a day left empty ({@code asOf=}) is not given; it was 400. */
    @Test
    void anInstantOrADayLeftEmptyIsNotGiven() {
        Member member = api.signUp("Empty Instant");
        Member admin = api.admin();
        member.request()
                .queryParam("asOf", "")
                .get("/api/cart")
                .then()
                .statusCode(200)
                .body("asOf", nullValue());
        member.request().queryParam("asOf", "").get("/api/me/points").then().statusCode(200);
        String user = "/api/admin/users/" + member.accountId();
        admin.request()
                .queryParam("asOf", "")
                .queryParam("knownAt", "")
                .get(user)
                .then()
                .statusCode(200)
                .body("accountId", equalTo(member.accountId()))
                .body("asOf", nullValue())
                .body("knownAt", nullValue());
        admin.request().queryParam("knownAt", "").get(user + "/history").then().statusCode(200);
        admin.request().queryParam("asOf", "").get(user + "/receipts").then().statusCode(200);
        admin.request()
                .queryParam("asOf", "")
                .get("/api/audit/aggregates/" + member.accountId() + "/state")
                .then()
                .statusCode(200);
        member.request()
                .queryParam("from", "")
                .queryParam("to", "")
                .get("/api/snack-orders")
                .then()
                .statusCode(200);
        // a space is not nothing: still refused, naming the parameter
        member.request()
                .queryParam("asOf", " ")
                .get("/api/cart")
                .then()
                .statusCode(400)
                .body("code", equalTo("MALFORMED_REQUEST"));
    }

    @Test
    void anAnonymousCallToAProtectedEndpointIs401EvenWithAnInvalidBody() {
        client().body(Map.of("name", ""))
                .patch("/api/me")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer"))
                .body("code", equalTo("UNAUTHENTICATED"));
        client().body("{not json").post("/api/products").then().statusCode(401);
    }

    /**
     * A problem a filter wrote (a missing or forged token, a missing role, a repeated parameter, an unanswerable
     * Accept, a bad Idempotency-Key) had no {@code instance}, where a controller's names the path asked for: a client
     * logging problems by {@code instance} lost every refusal made before a handler was chosen.
     */
    @Test
    void aProblemNamesThePathAskedForWhoeverWroteIt() {
        Member member = api.signUp("Instance Reader");
        client().get("/api/me").then().statusCode(401).body("instance", equalTo("/api/me"));
        client().header("Authorization", "Bearer forged")
                .get("/api/wallet")
                .then()
                .statusCode(401)
                .body("code", equalTo("TOKEN_INVALID"))
                .body("instance", equalTo("/api/wallet"));
        member.request().get("/api/admin/users").then().statusCode(403).body("instance", equalTo("/api/admin/users"));
        member.request()
                .queryParam("limit", 1, 2)
                .get("/api/bookings")
                .then()
                .statusCode(400)
                .body("instance", equalTo("/api/bookings"));
        member.request()
                .header("Accept", ";;;")
                .get("/api/stores")
                .then()
                .statusCode(406)
                .body("instance", equalTo("/api/stores"));
        member.request()
                .header("Idempotency-Key", "k".repeat(201))
                .body(Map.of("name", "Instance"))
                .patch("/api/me")
                .then()
                .statusCode(400)
                .body("instance", equalTo("/api/me"));
        member.request().get("/api/admin/users/" + UUID.randomUUID()).then().statusCode(403);
        api.admin()
                .request()
                .get("/api/admin/users/00000000-0000-0000-0000-000000000000")
                .then()
                .statusCode(404)
                .body("instance", equalTo("/api/admin/users/00000000-0000-0000-0000-000000000000"));
        given().header("Origin", "https://elsewhere.example")
                .header("Access-Control-Request-Method", "POST")
                .options("/api/auth/login")
                .then()
                .statusCode(403)
                .body("instance", equalTo("/api/auth/login"));
    }

    @Test
    void aCallerWithoutTheRoleIs403BeforeTheBodyOrPathIsLookedAt() {
        Member member = api.signUp("Role Prober");
        member.request()
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/products")
                .then()
                .statusCode(403)
                .body("code", equalTo("FORBIDDEN"));
        member.request()
                .contentType(ContentType.JSON)
                .body("{not json")
                .post("/api/spaces")
                .then()
                .statusCode(403)
                .body("code", equalTo("FORBIDDEN"));
        member.request()
                .get("/api/admin/users/not-an-id")
                .then()
                .statusCode(403)
                .body("code", equalTo("FORBIDDEN"));
        member.request().queryParam("limit", -5).get("/api/admin/users").then().statusCode(403);
    }

    @Test
    void wrongMediaTypesAndMethodsAreClientErrors() throws IOException {
        given().header("X-Forwarded-For", randomClientAddress())
                .contentType(ContentType.TEXT)
                .body("hello")
                .post("/api/auth/login")
                .then()
                .statusCode(415)
                .body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
        client().delete("/api/auth/login").then().statusCode(405).body("code", equalTo("METHOD_NOT_ALLOWED"));
        client().get("/api/no-such-thing").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        client().delete("/api/auth/login").then().header("Allow", "POST");
        // methods no endpoint serves: Tomcat answered CONNECT 501 INTERNAL_ERROR, the firewall the others as a bad URL,
        // and then without the Allow header a 405 must have (CONNECT, refused by Tomcat before any filter, the longest)
        for (String method : List.of("CONNECT", "TRACE", "PROPFIND", "FOO")) {
            String answer = rawExchange(method + " /api/me HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(answer)
                    .as(method)
                    .startsWith("HTTP/1.1 405")
                    .contains("\"code\":\"METHOD_NOT_ALLOWED\"")
                    .contains("No endpoint answers this method")
                    .containsPattern("(?m)^Allow: GET, PATCH, DELETE\\s*$");
        }
        assertThat(rawExchange("CONNECT /api/no-such-thing HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 405")
                .containsPattern("(?m)^Allow: GET, HEAD\\s*$");
        assertThat(rawExchange("TRACE /console/index.html HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 405")
                .containsPattern("(?m)^Allow: GET, HEAD\\s*$");
        // any other path is one the static files would be looked for at
        assertThat(rawExchange("FOO /api/no-such-thing HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 405")
                .containsPattern("(?m)^Allow: GET, HEAD\\s*$");
        // a cross-origin preflight was refused as plain text
        given().header("Origin", "https://elsewhere.example")
                .header("Access-Control-Request-Method", "POST")
                .options("/api/auth/login")
                .then()
                .statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("FORBIDDEN"));
        // which methods a path takes is no secret: an anonymous OPTIONS was 401 UNAUTHENTICATED
        client().options("/api/me").then().statusCode(200).header("Allow", containsString("PATCH"));
        client().options("/api/bookings/" + UUID.randomUUID() + "/cancel")
                .then()
                .statusCode(200)
                .header("Allow", containsString("POST"));
        given().header("Origin", "https://elsewhere.example")
                .header("Access-Control-Request-Method", "PATCH")
                .options("/api/me")
                .then()
                .statusCode(403)
                .body("code", equalTo("FORBIDDEN"));
        // the error page, asked for directly, had no error to tell and answered 500
        for (String method : List.of("GET", "POST")) {
            client().request(method, "/error").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        }
    }

    /**
     * Tomcat refuses a transfer coding it does not know with 501 and an HTTP version past 1.1 with 505: the valve
     * answered the first 405 METHOD_NOT_ALLOWED (to a POST on a path that takes POST) and the second INTERNAL_ERROR.
     */
    @Test
    void anUnknownTransferCodingOrHttpVersionIsAMalformedRequest() throws IOException {
        for (String encoding : List.of("gzip, chunked", "identity", "made-up")) {
            String answer =
                    rawExchange("POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json"
                            + "\r\nTransfer-Encoding: " + encoding
                            + "\r\nConnection: close\r\n\r\n2\r\n{}\r\n0\r\n\r\n");
            assertThat(answer)
                    .as(encoding)
                    .startsWith("HTTP/1.1 400")
                    .contains("application/problem+json")
                    .contains("\"code\":\"MALFORMED_REQUEST\"")
                    .contains("\"instance\":\"/api/auth/login\"");
        }
        for (String version : List.of("HTTP/1.2", "HTTP/2.0", "HTTP/9.9")) {
            String answer =
                    rawExchange("GET /api/campaigns " + version + "\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(answer)
                    .as(version)
                    .startsWith("HTTP/1.1 400")
                    .contains("application/problem+json")
                    .contains("\"code\":\"MALFORMED_REQUEST\"");
        }
    }

    @Test
    void aBodyAnnouncedTooLargeIsRefusedBeforeTheClientIsAskedToSendIt() throws IOException {
        String answer = rawExchange("POST /api/auth/signup HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: 10000000\r\nExpect: 100-continue\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(answer)
                .startsWith("HTTP/1.1 413")
                .doesNotContain("100 Continue")
                .contains("\"code\":\"PAYLOAD_TOO_LARGE\"");
    }

    @Test
    void aHeaderValueInUtf8IsRefusedAsAHeaderNotAsTheUrl() throws IOException {
        Member member = api.signUp("Emoji Key");
        String emoji = new String("\uD83D\uDE00".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        String body = "{\"name\": \"Emoji Key Two\"}";
        String answer = rawExchange("PATCH /api/me HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + member.accessToken() + "\r\nContent-Type: application/json\r\nIdempotency-Key: " + emoji
                + "\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
        assertThat(answer)
                .startsWith("HTTP/1.1 400")
                .contains("\"code\":\"MALFORMED_REQUEST\"")
                .contains("A header's name or value");
        member.request().get("/api/me").then().body("name", equalTo("Emoji Key"));
    }

    /**
     * A header the firewall refuses only when a handler reads it (the feed's {@code Last-Event-ID}, a console file's
     * {@code If-Modified-Since}, a body's charset) reached the catch-all handler and was a 500.
     */
    @Test
    void aHeaderValueInUtf8ThatAHandlerReadsIsRefusedAsAHeader() throws IOException {
        Member auditor = api.withRoles("Utf8 Header Auditor", "AUDITOR");
        String digit = new String("\uFF12".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        String body = "{\"roles\": [\"AUDITOR\"]}";
        for (String request : List.of(
                "GET /api/events HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + auditor.accessToken()
                        + "\r\nAccept: text/event-stream\r\nLast-Event-ID: " + digit
                        + "\r\nConnection: close\r\n\r\n",
                "GET /console/index.html HTTP/1.1\r\nHost: localhost\r\nIf-Modified-Since: " + digit
                        + "\r\nConnection: close\r\n\r\n",
                "PUT /api/admin/users/" + auditor.accountId() + "/roles HTTP/1.1\r\nHost: localhost\r\n"
                        + "Authorization: Bearer " + api.admin().accessToken()
                        + "\r\nContent-Type: application/json; charset=" + digit + "\r\nContent-Length: "
                        + body.length() + "\r\nConnection: close\r\n\r\n" + body)) {
            assertThat(rawExchange(request))
                    .startsWith("HTTP/1.1 400")
                    .contains("\"code\":\"MALFORMED_REQUEST\"")
                    .contains("A header's name or value");
        }
    }

    private String rawExchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void pathsTheServerOrTheFirewallRefuseAreProblemsToo() {
        Member member = api.signUp("Path Prober");
        for (String path : List.of(
                "/api/products/a%2Fb",
                "/api/products/a%5Cb",
                "/api/products/a%00b",
                "/api/products/a;b",
                "/api/products/..%252Fadmin",
                "/api/products/%2e%2e/admin")) {
            Response response = member.request().urlEncodingEnabled(false).get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(response.contentType()).as(path).startsWith("application/problem+json");
            assertThat(response.path("code").toString()).as(path).isEqualTo("MALFORMED_REQUEST");
            assertThat(response.path("instance").toString()).as(path).isEqualTo(path);
        }
    }

    @Test
    void theCredentialEndpointsAreRateLimitedPerClientAddress() throws Exception {
        String address = randomClientAddress();
        // Sent at once; the bucket (30 a minute) refills one every 2 s, which a loaded machine's slow requests see.
        ExecutorService clients = Executors.newFixedThreadPool(12);
        List<Future<Response>> responses = new ArrayList<>();
        long started = System.nanoTime();
        try {
            for (int i = 0; i < 60; i++) {
                responses.add(clients.submit(() -> given().header("X-Forwarded-For", address)
                        .contentType(ContentType.JSON)
                        .body(Map.of("email", uniqueEmail("rl"), "password", "wrong-password"))
                        .post("/api/auth/login")));
            }
            int limited = 0;
            for (Future<Response> future : responses) {
                Response response = future.get(60, TimeUnit.SECONDS);
                if (response.statusCode() == 429) {
                    limited++;
                    response.then().body("code", equalTo("RATE_LIMITED")).header("Retry-After", notNullValue());
                }
            }
            long refilled = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) / 2 + 1;
            assertThat(limited).isGreaterThanOrEqualTo((int) (60 - 30 - refilled));
        } finally {
            clients.shutdownNow();
        }
        // routed by its decoded path, an encoded one had passed the limit by: one that did would never be refused,
        // whereas one counted is refused at the latest once the token refilled meanwhile is spent
        for (String encoded : List.of("/api/%61uth/login", "/api/auth/%6Cogin", "/api/merchant%73")) {
            List<Integer> statuses = new ArrayList<>();
            for (int attempt = 0; attempt < 3 && !statuses.contains(429); attempt++) {
                statuses.add(given().urlEncodingEnabled(false)
                        .header("X-Forwarded-For", address)
                        .contentType(ContentType.JSON)
                        .body(Map.of("email", uniqueEmail("rl"), "password", "wrong-password"))
                        .post(encoded)
                        .statusCode());
            }
            assertThat(statuses).as(encoded).contains(429);
        }
        client().body(Map.of("email", uniqueEmail("rl"), "password", "wrong-password"))
                .post("/api/auth/login")
                .then()
                .statusCode(401);
    }

    /**
     * The test reaches the node from loopback, a trusted proxy's address, as a client on a private network does: the
     * text it sent as X-Forwarded-For became its address, recorded in its LoggedIn event and keying its rate limit.
     */
    @Test
    void aForwardedClientAddressThatIsNoAddressIsRefused() {
        Member member = api.signUp("Forwarded");
        for (String notAnAddress :
                List.of("not an ip <b>" + "A".repeat(3000), "evil", "1.2.3.4, evil", "300.1.2.3", "[evil]:80")) {
            given().header("X-Forwarded-For", notAnAddress)
                    .contentType(ContentType.JSON)
                    .body(Map.of("email", member.email(), "password", member.password()))
                    .post("/api/auth/login")
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("MALFORMED_REQUEST"));
            member.request()
                    .header("X-Forwarded-For", notAnAddress)
                    .get("/api/me")
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("MALFORMED_REQUEST"));
        }
        // a port, as some load balancers add it, is no part of the address
        for (String address :
                List.of("203.0.113.9", "2001:db8::9", "evil, 198.51.100.9", "192.0.2.9:5123", "[2001:db8::8]:443")) {
            given().header("X-Forwarded-For", address)
                    .contentType(ContentType.JSON)
                    .body(Map.of("email", member.email(), "password", member.password()))
                    .post("/api/auth/login")
                    .then()
                    .statusCode(200);
        }
        List<String> recorded = api.admin()
                .request()
                .get("/api/audit/aggregates/" + member.accountId() + "/events")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("findAll { it.type == 'LoggedIn' }.payload.clientAddress");
        assertThat(recorded).containsExactly("203.0.113.9", "2001:db8::9", "198.51.100.9", "192.0.2.9", "2001:db8::8");
    }

    @Test
    void repeatedWrongPasswordsLockTheEmailWhateverTheAddress() {
        Member member = api.signUp("Locked");
        for (int i = 0; i < 10; i++) {
            client().body(Map.of("email", member.email(), "password", "guess-" + i))
                    .post("/api/auth/login")
                    .then()
                    .statusCode(401);
        }
        client().body(Map.of("email", member.email(), "password", member.password()))
                .post("/api/auth/login")
                .then()
                .statusCode(429)
                .body("code", equalTo("RATE_LIMITED"))
                .header("Retry-After", notNullValue());
    }

    /** A success wiped the count: each log-in of the owner gave a guesser the whole allowance again. */
    @Test
    void theOwnersLogInGivesAGuesserNoMoreTries() {
        Member member = api.signUp("Owner Between Guesses");
        for (int i = 0; i < 9; i++) {
            client().body(Map.of("email", member.email(), "password", "guess-" + i))
                    .post("/api/auth/login")
                    .then()
                    .statusCode(401);
        }
        client().body(Map.of("email", member.email(), "password", member.password()))
                .post("/api/auth/login")
                .then()
                .statusCode(200);
        client().body(Map.of("email", member.email(), "password", "guess-9"))
                .post("/api/auth/login")
                .then()
                .statusCode(401);
        client().body(Map.of("email", member.email(), "password", "guess-10"))
                .post("/api/auth/login")
                .then()
                .statusCode(429)
                .body("code", equalTo("RATE_LIMITED"));
    }

    /** An access token alone could guess the current password without end, then replace it. */
    @Test
    void wrongCurrentPasswordsOfAPasswordChangeLockTheEmail() {
        Member admin = api.admin();
        long start = admin.request()
                .get("/api/events/head")
                .then()
                .extract()
                .jsonPath()
                .getLong("position");
        Member member = api.signUp("Stolen Token");
        for (int i = 0; i < 10; i++) {
            member.request()
                    .body(Map.of("currentPassword", "guess-" + i, "newPassword", "taken-over-" + i))
                    .put("/api/me/password")
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("WRONG_PASSWORD"));
        }
        member.request()
                .body(Map.of("currentPassword", member.password(), "newPassword", "taken-over-at-last"))
                .put("/api/me/password")
                .then()
                .statusCode(429)
                .body("code", equalTo("RATE_LIMITED"));
        client().body(Map.of("email", member.email(), "password", member.password()))
                .post("/api/auth/login")
                .then()
                .statusCode(429);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(admin.request()
                                .queryParam("after", start)
                                .queryParam("limit", 1000)
                                .queryParam("types", "LogInFailed")
                                .get("/api/events")
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .<String>getList("items.findAll { it.aggregateId == '" + member.accountId()
                                        + "' }.payload.reason"))
                        .hasSize(10)
                        .containsOnly("WRONG_CURRENT_PASSWORD"));
    }

    /** Kept for a replay, a log-in's answer stored live tokens in plain text for a day. */
    @Test
    void noAnswerThatHoldsTokensIsKeptForAReplay() {
        String key = UUID.randomUUID().toString();
        String address = randomClientAddress();
        Map<String, String> signUp = Map.of("email", uniqueEmail("idem-tokens"), "password", "password-1", "name", "T");
        given().header("X-Forwarded-For", address)
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(signUp)
                .post("/api/auth/signup")
                .then()
                .statusCode(201);
        given().header("X-Forwarded-For", address)
                .header("Idempotency-Key", key)
                .contentType(ContentType.JSON)
                .body(signUp)
                .post("/api/auth/signup")
                .then()
                .statusCode(409)
                .header("Idempotent-Replayed", nullValue())
                .body("code", equalTo("EMAIL_TAKEN"));
        List<String> refreshTokens = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Response logIn = given().header("X-Forwarded-For", address)
                    .header("Idempotency-Key", key + "-log-in")
                    .contentType(ContentType.JSON)
                    .body(Map.of("email", signUp.get("email"), "password", "password-1"))
                    .post("/api/auth/login");
            logIn.then().statusCode(200).header("Idempotent-Replayed", nullValue());
            refreshTokens.add(logIn.path("refreshToken"));
        }
        assertThat(refreshTokens).doesNotHaveDuplicates();
    }

    /** Checked before any of them had failed, sixteen parallel guesses once all had their password tried. */
    @Test
    void parallelWrongPasswordsGetNoMoreTriesThanSequentialOnes() throws Exception {
        Member member = api.signUp("Raced Lock");
        ExecutorService guessers = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String guess = "parallel-guess-" + i;
                answers.add(guessers.submit(() -> client().body(Map.of("email", member.email(), "password", guess))
                        .post("/api/auth/login")
                        .statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(30, TimeUnit.SECONDS));
            }
            assertThat(statuses).filteredOn(status -> status == 401).hasSize(10);
            assertThat(statuses).filteredOn(status -> status == 429).hasSize(6);
        } finally {
            guessers.shutdownNow();
        }
        client().body(Map.of("email", member.email(), "password", member.password()))
                .post("/api/auth/login")
                .then()
                .statusCode(429);
    }

    /** 25 Korean syllables are 25 characters but 75 bytes: bcrypt's limit, once a 500. */
    @Test
    void aPasswordOverBcryptsSeventyTwoBytesIs400() {
        String korean = "가".repeat(25);
        client().body(Map.of("email", uniqueEmail("bytes"), "password", korean, "name", "Bytes"))
                .post("/api/auth/signup")
                .then()
                .statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"));
        Member member = api.signUp("Byte Counter");
        member.request()
                .body(Map.of("currentPassword", member.password(), "newPassword", korean))
                .put("/api/me/password")
                .then()
                .statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"));
        client().body(Map.of("email", member.email(), "password", korean))
                .post("/api/auth/login")
                .then()
                .statusCode(401);
        String fits = "가".repeat(24);
        client().body(Map.of("email", uniqueEmail("bytes"), "password", fits, "name", "Fits"))
                .post("/api/auth/signup")
                .then()
                .statusCode(201);
    }

    /** The first of two was taken (nginx in front refuses them with 400): which account a request is could depend on who reads it. */
    @Test
    void twoAuthorizationHeadersAreAMalformedRequest() {
        Member first = api.signUp("First Bearer");
        Member second = api.signUp("Second Bearer");
        client().header("Authorization", "Bearer " + first.accessToken())
                .header("Authorization", "Bearer " + second.accessToken())
                .get("/api/me")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("MALFORMED_REQUEST"))
                .body("instance", equalTo("/api/me"));
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstResponse() {
        String key = UUID.randomUUID().toString();
        Member admin = api.admin();
        Map<String, Object> product = Map.of("name", "Idem tea " + key.substring(0, 8), "price", 1500);
        Response first =
                admin.request().header("Idempotency-Key", key).body(product).post("/api/products");
        first.then().statusCode(201);
        Response second =
                admin.request().header("Idempotency-Key", key).body(product).post("/api/products");
        second.then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .header("Location", first.header("Location"))
                .body("productId", equalTo(first.path("productId")));
        admin.request()
                .header("Idempotency-Key", key)
                .body(Map.of("name", "Other tea " + key.substring(0, 8), "price", 1500))
                .post("/api/products")
                .then()
                .statusCode(409)
                .body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
    }
}
