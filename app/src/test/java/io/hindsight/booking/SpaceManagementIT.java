package io.hindsight.booking;

import static io.hindsight.booking.BookingApi.MAPO;
import static io.hindsight.booking.BookingApi.PARTY_ROOM;
import static io.hindsight.booking.BookingApi.availability;
import static io.hindsight.booking.BookingApi.book;
import static io.hindsight.booking.BookingApi.booked;
import static io.hindsight.booking.BookingApi.inDays;
import static io.hindsight.booking.BookingApi.prices;
import static io.hindsight.booking.BookingApi.registerSpace;
import static io.hindsight.booking.BookingApi.space;
import static io.hindsight.ledger.LedgerSteps.assertLedgerHolds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.hindsight.booking.api.SpaceId;
import io.hindsight.booking.guard.SpaceTerms;
import io.hindsight.common.BusinessException;
import io.hindsight.support.Api;
import io.hindsight.support.Api.Member;
import io.hindsight.support.HeldTransaction;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.Projections;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** What hosts of seed 001 missed: editing, unlisting and relisting a space, their own list, uploaded images. */
class SpaceManagementIT extends IntegrationTest {

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

    @Autowired
    SpaceTerms terms;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @AfterAll
    static void theLedgerHolds() {
        assertLedgerHolds(new Api().admin());
    }

    @Test
    void theHostRevisesASpaceAndNewPricesApplyOnlyToLaterBookings() {
        Member host = api.withRoles("Reviser", "HOST");
        Member guest = api.signUpWithWallet("Early Guest", BookingApi.WALLET);
        String spaceId = registerSpace(host);
        String early = booked(guest, spaceId, inDays(3), "DAY");

        revise(host, spaceId, Map.of("title", "Sunnier loft", "maxCount", 5, "prices", prices(70_000L, null, 90_000L)))
                .then()
                .statusCode(200)
                .body("prices.DAY", equalTo(70_000))
                .body("prices.ALL_DAY", equalTo(90_000));
        String later = booked(guest, spaceId, inDays(4), "DAY");

        guest.request().get("/api/bookings/" + early).then().body("price", equalTo(50_000));
        guest.request().get("/api/bookings/" + later).then().body("price", equalTo(70_000));
        book(guest, spaceId, inDays(5), "NIGHT", 4).then().statusCode(400).body("code", equalTo("OPTION_NOT_OFFERED"));
        book(guest, spaceId, inDays(5), "ALL_DAY", 6)
                .then()
                .statusCode(400)
                .body("code", equalTo("HEADCOUNT_OUT_OF_RANGE"));
        client().get("/api/spaces/" + spaceId)
                .then()
                .body("title", equalTo("Sunnier loft"))
                .body("maxCount", equalTo(5))
                .body("subTitle", notNullValue())
                .body("prices.NIGHT", equalTo(null));
    }

    @Test
    void onlyTheHostRevisesAndARevisionMustBeValid() {
        Member host = api.withRoles("Careful Host", "HOST");
        String spaceId = registerSpace(host);

        revise(api.withRoles("Other Host", "HOST"), spaceId, Map.of("title", "Mine now"))
                .then()
                .statusCode(404)
                .body("code", equalTo("SPACE_NOT_FOUND"));
        revise(api.signUp("Not A Host"), spaceId, Map.of("title", "Mine now"))
                .then()
                .statusCode(403);
        revise(host, spaceId, Map.of()).then().statusCode(400).body("code", equalTo("NOTHING_TO_CHANGE"));
        revise(host, spaceId, Map.of("minCount", 9))
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_HEADCOUNT_RANGE"));
        revise(host, spaceId, Map.of("categoryId", 999))
                .then()
                .statusCode(400)
                .body("code", equalTo("UNKNOWN_CATEGORY"));
        revise(host, spaceId, Map.of("prices", prices(null, null, null)))
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_PRICES"));
        revise(host, spaceId, Map.of("title", "Loft")).then().statusCode(200);
        Projections.awaitAllCaughtUp(api.admin());
        client().get("/api/spaces/" + spaceId)
                .then()
                .body("title", equalTo("Loft"))
                .body("minCount", equalTo(2));
    }

    /** Nobody is left to host: a resigning host's spaces are unlisted in the resignation's transaction. */
    @Test
    void aResigningHostsSpacesLeaveTheListsAndTakeNoMoreBookings() {
        spacesWoundUpWhen("Leaving Host", (host, guest, kept) -> {
            // a booking to come keeps the host from resigning (HostResignationIT); canceled, its guest paid back
            host.request().delete("/api/me").then().statusCode(409).body("code", equalTo("HOST_HAS_BOOKINGS"));
            guest.request().post("/api/bookings/" + kept + "/confirm").then().statusCode(200);
            host.request().post("/api/bookings/" + kept + "/cancel").then().statusCode(200);
            host.request().delete("/api/me").then().statusCode(204);
        });
    }

    @Test
    void aHostAnAdminTakesHostFromHasItsSpacesUnlisted() {
        spacesWoundUpWhen("Demoted Host", (host, guest, kept) -> api.changeRoles(host.accountId(), "MEMBER"));
    }

    /** How a host leaves, with a guest's booking of its space still pending. */
    private interface HostLeaving {
        void leave(Member host, Member guest, String pendingBooking);
    }

    private void spacesWoundUpWhen(String name, HostLeaving leaving) {
        Member host = api.withRoles(name, "HOST");
        Member guest = api.signUpWithWallet("Stayed Guest", BookingApi.WALLET);
        String spaceId = registerSpace(host, space("Abandoned", MAPO, PARTY_ROOM, 2, 8, prices(10L, 20L, 30L)));
        String kept = booked(guest, spaceId, inDays(6), "DAY");

        leaving.leave(host, guest, kept);

        book(guest, spaceId, inDays(7), "NIGHT", 4).then().statusCode(409).body("code", equalTo("SPACE_UNLISTED"));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> client().queryParam("limit", 1000)
                        .get("/api/spaces")
                        .then()
                        .statusCode(200)
                        .body("items.spaceId", not(hasItem(spaceId))));
        client().get("/api/spaces/" + spaceId).then().statusCode(200).body("listed", equalTo(false));
        guest.request().get("/api/bookings/" + kept).then().statusCode(200);
        Projections.awaitAllCaughtUp(api.admin());
    }

    @Test
    void anUnlistedSpaceIsNeitherListedNorBookableButKeepsItsBookings() {
        Member host = api.withRoles("Pausing Host", "HOST");
        Member guest = api.signUpWithWallet("Loyal Guest", BookingApi.WALLET);
        String title = "Pausable " + System.nanoTime();
        String spaceId = registerSpace(host, space(title, MAPO, PARTY_ROOM, 2, 8, prices(10L, 20L, 30L)));
        String kept = booked(guest, spaceId, inDays(6), "DAY");

        api.withRoles("Intruder Host", "HOST")
                .request()
                .post("/api/spaces/" + spaceId + "/unlist")
                .then()
                .statusCode(404);
        host.request()
                .post("/api/spaces/" + spaceId + "/unlist")
                .then()
                .statusCode(200)
                .body("listed", equalTo(false));
        host.request().post("/api/spaces/" + spaceId + "/unlist").then().statusCode(200);

        book(guest, spaceId, inDays(7), "NIGHT", 4).then().statusCode(409).body("code", equalTo("SPACE_UNLISTED"));
        availability(spaceId, inDays(7), "NIGHT")
                .then()
                .body("available", equalTo(false))
                .body("reason", equalTo("SPACE_UNLISTED"));
        client().get("/api/spaces/" + spaceId).then().statusCode(200).body("listed", equalTo(false));
        guest.request().get("/api/bookings/" + kept).then().body("status", equalTo("PENDING"));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> client().queryParam("limit", 1000)
                        .get("/api/spaces")
                        .then()
                        .body("items.spaceId", not(hasItem(spaceId))));
        host.request()
                .get("/api/me/spaces")
                .then()
                .statusCode(200)
                .body("items.find { it.spaceId == '" + spaceId + "' }.listed", equalTo(false));

        host.request()
                .post("/api/spaces/" + spaceId + "/relist")
                .then()
                .statusCode(200)
                .body("listed", equalTo(true));
        booked(guest, spaceId, inDays(7), "NIGHT");
        guest.request().post("/api/bookings/" + kept + "/cancel").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> client().queryParam("limit", 1000)
                        .get("/api/spaces")
                        .then()
                        .body("items.spaceId", hasItem(spaceId)));
    }

    @Test
    void aHostListsTheirOwnSpacesOnly() {
        Member host = api.withRoles("Owner Of Two", "HOST");
        String first = registerSpace(host);
        String second = registerSpace(host);
        host.request().post("/api/spaces/" + first + "/unlist").then().statusCode(200);

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> host.request()
                        .get("/api/me/spaces")
                        .then()
                        .statusCode(200)
                        .body("total", equalTo(2))
                        .body("items[0].spaceId", equalTo(second))
                        .body("items[1].spaceId", equalTo(first))
                        .body("items[1].listed", equalTo(false)));
        api.signUp("No Spaces")
                .request()
                .get("/api/me/spaces")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
    }

    @Test
    void theHostUploadsAnImageThatIsServedAtAStableUrlAndRemovesIt() throws IOException {
        Member host = api.withRoles("Photographer", "HOST");
        String spaceId = registerSpace(host);
        byte[] png = image(PNG, 3000);

        Response uploaded = upload(host, spaceId, "../../evil.txt", "text/plain", png);
        uploaded.then().statusCode(201).header("Location", startsWith("/api/images/"));
        String name = uploaded.path("imageName");
        assertThat(name).matches("[0-9a-f-]{36}\\.png");
        Response served = client().get("/api/images/" + name);
        served.then()
                .statusCode(200)
                .contentType("image/png")
                .header("Cache-Control", containsString("immutable"))
                .header("ETag", notNullValue());
        assertThat(served.asByteArray()).isEqualTo(png);
        client().get("/api/spaces/" + spaceId)
                .then()
                .body("images[0].name", equalTo(name))
                .body("images[0].url", equalTo("/api/images/" + name))
                .body("images[0].contentType", equalTo("image/png"))
                .body("images[0].size", equalTo(png.length));
        byte[] jpeg = image(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}, 100);
        String jpegName = upload(host, spaceId, "photo.png", "image/png", jpeg)
                .then()
                .statusCode(201)
                .extract()
                .path("imageName");
        assertThat(jpegName).endsWith(".jpg");
        client().get("/api/images/" + jpegName).then().statusCode(200).contentType("image/jpeg");

        host.request()
                .delete("/api/spaces/" + spaceId + "/images/" + name)
                .then()
                .statusCode(200);
        client().get("/api/images/" + name).then().statusCode(404);
        client().get("/api/spaces/" + spaceId).then().body("images.name", not(hasItem(name)));
        host.request()
                .delete("/api/spaces/" + spaceId + "/images/" + name)
                .then()
                .statusCode(404)
                .body("code", equalTo("IMAGE_NOT_FOUND"));
    }

    /** The filter had read the raw body for its hash and left none for the upload: every keyed upload was a 400. */
    @Test
    void anUploadSentAgainWithItsIdempotencyKeyIsAnsweredOnceWhateverItsBoundary() throws IOException {
        Member host = api.withRoles("Careful Uploader", "HOST");
        String spaceId = registerSpace(host);
        byte[] png = image(PNG, 2000);
        String first = keyedUpload(host, spaceId, "first-boundary", png)
                .then()
                .statusCode(201)
                .extract()
                .path("imageName");
        keyedUpload(host, spaceId, "second-boundary", png)
                .then()
                .statusCode(201)
                .body("imageName", equalTo(first));
        keyedUpload(host, spaceId, "third-boundary", image(PNG, 2001))
                .then()
                .statusCode(409)
                .body("code", equalTo("IDEMPOTENCY_KEY_REUSED"));
        client().get("/api/spaces/" + spaceId).then().body("images.name", equalTo(List.of(first)));
        int notMultipart = host.request()
                .header("Idempotency-Key", "garbled-" + spaceId)
                .contentType("multipart/form-data; boundary=nowhere")
                .body("this is no multipart body".getBytes(StandardCharsets.UTF_8))
                .post("/api/spaces/" + spaceId + "/images")
                .statusCode();
        assertThat(notMultipart).isBetween(400, 499);
    }

    /**
     * A multipart body Tomcat could not take apart (no boundary, cut short, a file name holding a NUL) was a 500
     * INTERNAL_ERROR with a stack trace: it is the client's malformed request, and nothing is stored.
     */
    @Test
    void aMultipartBodyThatCannotBeTakenApartIsMalformedNotAFailure() throws Exception {
        Member host = api.withRoles("Garbled Uploader", "HOST");
        String spaceId = registerSpace(host);
        long filesBefore = storedImages();
        HttpClient http = HttpClient.newHttpClient();
        Map<String, String> garbled = Map.of(
                "multipart/form-data",
                "--q--",
                "multipart/form-data; boundary=q",
                "--q\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\n\u0089PNG",
                "multipart/form-data; boundary=r",
                "--r\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\u0000.png\"\r\n"
                        + "Content-Type: image/png\r\n\r\n\u0089PNG\r\n--r--\r\n");
        for (Map.Entry<String, String> body : garbled.entrySet()) {
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + port + "/api/spaces/" + spaceId + "/images"))
                            .header("Authorization", "Bearer " + host.accessToken())
                            .header("Content-Type", body.getKey())
                            .POST(HttpRequest.BodyPublishers.ofByteArray(
                                    body.getValue().getBytes(StandardCharsets.ISO_8859_1)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(body.getKey()).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(answer.body()).contains("\"code\":\"MALFORMED_REQUEST\"");
        }
        assertThat(storedImages()).isEqualTo(filesBefore);
        client().get("/api/spaces/" + spaceId).then().body("images", empty());
    }

    @Test
    void uploadsAreCheckedByContentAndSizeAndStrangersLeaveNothingBehind() throws IOException {
        Member host = api.withRoles("Strict Uploader", "HOST");
        String spaceId = registerSpace(host);
        long filesBefore = storedImages();

        upload(host, spaceId, "photo.png", "image/png", "<svg onload=alert(1)>".getBytes(StandardCharsets.UTF_8))
                .then()
                .statusCode(400)
                .body("code", equalTo("UNSUPPORTED_IMAGE"));
        upload(host, spaceId, "huge.png", "image/png", image(PNG, 5 * 1024 * 1024 + 1))
                .then()
                .statusCode(413)
                .body("code", equalTo("IMAGE_TOO_LARGE"));
        upload(api.withRoles("Stranger Host", "HOST"), spaceId, "a.png", "image/png", image(PNG, 100))
                .then()
                .statusCode(404)
                .body("code", equalTo("SPACE_NOT_FOUND"));
        upload(api.signUp("Plain Member"), spaceId, "a.png", "image/png", image(PNG, 100))
                .then()
                .statusCode(403);
        assertThat(storedImages()).isEqualTo(filesBefore);

        client().get("/api/images/00000000-0000-0000-0000-000000000000.png")
                .then()
                .statusCode(404);
        client().get("/api/images/passwd").then().statusCode(404);
        client().urlEncodingEnabled(false)
                .get("/api/images/..%2F..%2Fetc%2Fpasswd")
                .then()
                .statusCode(400);
        host.request()
                .delete("/api/spaces/" + spaceId + "/images/..%2Fsecret.png")
                .then()
                .statusCode(400);
    }

    /**
     * PostgreSQL lets a reader join the readers of a row while an update of it waits, so bookings that overlap without
     * pause kept an unlisting waiting until its lock timeout (503). Step by step: one booking reads the terms, the
     * unlisting waits for it, a second booking arrives - and must now queue behind the unlisting, not join the first.
     */
    @Test
    void anUnlistingGoesAheadOfBookingsThatArriveWhileItWaits() throws Exception {
        Member host = api.withRoles("Busy Host", "HOST");
        String spaceId = registerSpace(host);
        SpaceId space = SpaceId.of(spaceId);
        HeldTransaction.WriterBetweenReaders<String> race = HeldTransaction.writerBetweenReaders(
                transactions,
                jdbc,
                () -> terms.termsOrRefuse(space),
                () -> host.request().post("/api/spaces/" + spaceId + "/unlist"),
                () -> {
                    try {
                        terms.termsOrRefuse(space);
                        return "BOOKABLE";
                    } catch (BusinessException refused) {
                        return refused.code().name();
                    }
                });

        race.writer().then().statusCode(200);
        assertThat(race.laterReader()).isEqualTo("SPACE_UNLISTED");
    }

    /**
     * An unlisting whose transaction has marked the terms but not committed yet: a booking must wait for it
     * and then be refused, rather than land after the space left the list.
     */
    @Test
    void aBookingWaitsForAnUnlistingInFlightAndSeesIt() throws Exception {
        Member host = api.withRoles("Hesitant Host", "HOST");
        Member guest = api.signUpWithWallet("Eager Guest", BookingApi.WALLET);
        String spaceId = registerSpace(host);
        try (HeldTransaction unlisting =
                HeldTransaction.open(transactions, () -> terms.list(SpaceId.of(spaceId), false))) {
            CompletableFuture<Response> booking =
                    CompletableFuture.supplyAsync(() -> book(guest, spaceId, inDays(9), "DAY", 4));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> booking.isDone() || HeldTransaction.lockWaitsOn(jdbc, "pg_advisory_xact_lock") > 0);
            unlisting.commit();

            booking.get().then().statusCode(409).body("code", equalTo("SPACE_UNLISTED"));
        }
    }

    private static long storedImages() throws IOException {
        Path directory = Path.of(System.getProperty("hindsight.data-dir"), "images");
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.count();
        }
    }

    private static byte[] image(byte[] header, int size) {
        byte[] content = Arrays.copyOf(header, Math.max(size, header.length));
        for (int i = header.length; i < content.length; i++) {
            content[i] = (byte) (i * 31);
        }
        return content;
    }

    private static Response revise(Member host, String spaceId, Map<String, Object> body) {
        return host.request().body(body).patch("/api/spaces/" + spaceId);
    }

    private static Response keyedUpload(Member host, String spaceId, String boundary, byte[] png) {
        return host.request()
                .header("Idempotency-Key", "upload-" + spaceId)
                .contentType("multipart/form-data; boundary=" + boundary)
                .multiPart("file", "photo.png", png, "image/png")
                .post("/api/spaces/" + spaceId + "/images");
    }

    private static Response upload(Member host, String spaceId, String fileName, String mimeType, byte[] content) {
        return host.request()
                .contentType("multipart/form-data")
                .multiPart("file", fileName, content, mimeType)
                .post("/api/spaces/" + spaceId + "/images");
    }
}
