package io.hindsight.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The console's page and the small endpoints it needs, over HTTP; the browser tests are ConsoleBrowserIT. */
class ConsoleIT extends IntegrationTest {

    private static final Path STATIC = Path.of("src/main/resources/static/console");

    @Test
    void canOpenTheConsoleWithoutATokenUnderAStrictContentSecurityPolicy() {
        client().redirects()
                .follow(false)
                .get("/console")
                .then()
                .statusCode(302)
                .header("Location", endsWith("/console/"));
        Response page = client().get("/console/");
        page.then().statusCode(200).contentType(containsString("text/html")).body(containsString("<main id=\"main\""));
        String policy = page.header("Content-Security-Policy");
        assertThat(policy)
                .contains("default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "*");
        client().get("/console/js/main.js").then().statusCode(200).header("Content-Security-Policy", notNullValue());
        client().get("/webjars/chart.js/dist/chart.umd.js").then().statusCode(200);
    }

    /** A range past a file's end was answered as a malformed request; it is the range, and says the file's length. */
    @Test
    void aRangeOfTheConsolesFilesIsServedOrRefusedAsARange() {
        client().header("Range", "bytes=0-9")
                .get("/console/index.html")
                .then()
                .statusCode(206)
                .header("Content-Range", startsWith("bytes 0-9/"));
        client().header("Range", "bytes=99999999-")
                .get("/console/index.html")
                .then()
                .statusCode(416)
                .header("Content-Range", startsWith("bytes */"))
                .contentType(containsString("application/problem+json"))
                .body("code", equalTo("RANGE_NOT_SATISFIABLE"));
    }

    /**
     * A range of another unit, or one that does not parse, was 416 (and {@code bytes=} a 206 of no part): RFC 9110
     * has a server ignore a unit it does not support, so the whole file is served.
     */
    @Test
    void aRangeOfAnotherUnitOrThatDoesNotParseIsIgnored() {
        String whole = client().get("/console/index.html")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        for (String range : List.of("lines=0-5", "bytes", "bytes=", "bytes=abc", "bytes=5-2", "Bytes=0-9", "=0-9")) {
            client().header("Range", range)
                    .get("/console/index.html")
                    .then()
                    .statusCode(200)
                    .header("Content-Range", nullValue())
                    .contentType(containsString("text/html"))
                    .body(equalTo(whole));
        }
        client().header("Range", "lines=0-5")
                .get("/webjars/chart.js/dist/chart.umd.js")
                .then()
                .statusCode(200);
    }

    @Test
    void theConsoleHasNoInlineScriptStyleOrEventHandler() throws IOException {
        Pattern inline = Pattern.compile("<script(?![^>]*\\bsrc=)|<style|\\sstyle=|\\son[a-z]+=|innerHTML|javascript:");
        try (Stream<Path> files = Files.walk(STATIC)) {
            List<Path> offending = files.filter(Files::isRegularFile)
                    .filter(file -> {
                        try {
                            return inline.matcher(Files.readString(file)).find();
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .toList();
            assertThat(offending).isEmpty();
        }
    }

    @Test
    void canReadRecentOperationsAsAuditorButNotAsMember() {
        Member auditor = api.withRoles("Operations Auditor", "AUDITOR");
        List<Map<String, Object>> samples = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> auditor.request()
                                .get("/api/operations/recent")
                                .then()
                                .statusCode(200)
                                .body("intervalSeconds", equalTo(5))
                                .extract()
                                .<List<Map<String, Object>>>path("samples"),
                        found -> found.size() >= 2);
        assertThat(samples.get(samples.size() - 1))
                .containsKeys("at", "writesPerSecond", "writeMeanMillis", "projectionLag", "projectionLagSeconds");
        assertThat(samples.get(samples.size() - 1).get("projectionLag")).isNotNull();
        assertThat(samples.get(samples.size() - 1).get("writesPerSecond")).isNotNull();
        api.signUp("Operations Member")
                .request()
                .get("/api/operations/recent")
                .then()
                .statusCode(403);
        client().get("/api/operations/recent").then().statusCode(401);
    }

    @Test
    void projectionsShowTheirLagInSecondsToo() {
        Member admin = api.admin();
        admin.request()
                .get("/api/admin/projections")
                .then()
                .statusCode(200)
                .body("lagSeconds", everyItem(greaterThanOrEqualTo(0)))
                .body("lagSeconds", not(everyItem(equalTo(null))));
    }

    @Test
    void theFeedTellsWhereItEndsNow() {
        Member member = api.signUp("Feed Head");
        Member auditor = api.withRoles("Head Auditor", "AUDITOR");
        long position = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> auditor.request()
                                .get("/api/events/head")
                                .then()
                                .statusCode(200)
                                .extract()
                                .<Number>path("position")
                                .longValue(),
                        head -> auditor.request()
                                .get("/api/events?after=" + Math.max(0, head - 50) + "&limit=50")
                                .then()
                                .extract()
                                .<List<String>>path("items.aggregateId")
                                .contains(member.accountId()));
        auditor.request()
                .get("/api/events?after=" + position)
                .then()
                .body("items.aggregateId", not(org.hamcrest.Matchers.hasItem(member.accountId())));
        member.request().get("/api/events/head").then().statusCode(403);
    }
}
