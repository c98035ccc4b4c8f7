package io.hindsight.booking;

import static io.hindsight.booking.BookingApi.MAPO;
import static io.hindsight.booking.BookingApi.PARTY_ROOM;
import static io.hindsight.booking.BookingApi.prices;
import static io.hindsight.booking.BookingApi.registerSpace;
import static io.hindsight.booking.BookingApi.space;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.hindsight.support.AggregateSnapshotRows;
import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.MigrationFills;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class SpacesIT extends IntegrationTest {

    /** Only this test class registers spaces here, so its lists are exactly its own spaces. */
    private static final int JUNGNANG = 25;

    private static final int GALLERY = 12;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void referenceDataIsSeededAndPublic() {
        client().get("/api/districts")
                .then()
                .statusCode(200)
                .body("size()", equalTo(25))
                .body("find { it.districtId == 13 }.name", equalTo("마포구"))
                .body("find { it.districtId == 13 }.latitude", notNullValue())
                .body("find { it.districtId == 13 }.longitude", notNullValue());
        client().get("/api/categories").then().statusCode(200).body("name", hasItem("파티룸"));
        client().get("/api/facilities").then().statusCode(200).body("nameEn", hasItem("Wi-Fi"));
    }

    @Test
    void aHostRegistersASpaceWithItsOptionsAndPrices() {
        Member host = api.withRoles("Host", "HOST");
        Response created = host.request()
                .body(space("Studio", MAPO, PARTY_ROOM, 2, 6, prices(70_000L, null, 120_000L)))
                .post("/api/spaces");
        created.then().statusCode(201).header("Location", "/api/spaces/" + created.path("spaceId"));
        String spaceId = created.path("spaceId");

        client().get("/api/spaces/" + spaceId)
                .then()
                .statusCode(200)
                .body("spaceId", equalTo(spaceId))
                .body("hostId", equalTo(host.accountId()))
                .body("title", equalTo("Studio"))
                .body("category.name", equalTo("파티룸"))
                .body("district.name", equalTo("마포구"))
                .body("district.latitude", notNullValue())
                .body("facilities.facilityId", contains(1, 3))
                .body("minCount", equalTo(2))
                .body("maxCount", equalTo(6))
                .body("options.option", contains("DAY", "ALL_DAY"))
                .body("prices.DAY", equalTo(70_000))
                .body("prices.NIGHT", nullValue())
                .body("prices.ALL_DAY", equalTo(120_000))
                .body("dayPrice", equalTo(70_000))
                .body("currency", equalTo("KRW"))
                .body("likes", equalTo(0));
    }

    @Test
    void onlyHostsRegisterSpaces() {
        Map<String, Object> body = space("Nope", MAPO, PARTY_ROOM, 2, 6, prices(1L, null, null));
        api.signUp("Member")
                .request()
                .body(body)
                .post("/api/spaces")
                .then()
                .statusCode(403)
                .body("code", equalTo("FORBIDDEN"));
        client().body(body).post("/api/spaces").then().statusCode(401);
    }

    @Test
    void badSpacesAreRefusedAndNothingIsRegistered() {
        Member host = api.withRoles("Picky Host", "HOST");
        refused(host, with("categoryId", 999), 400, "UNKNOWN_CATEGORY");
        refused(host, with("districtId", 999), 400, "UNKNOWN_DISTRICT");
        refused(host, with("facilityIds", List.of(1, 999)), 400, "UNKNOWN_FACILITY");
        refused(host, with("minCount", 7), 400, "INVALID_HEADCOUNT_RANGE");
        refused(host, with("minCount", 0), 400, "INVALID_HEADCOUNT_RANGE");
        refused(host, with("prices", prices(null, null, null)), 400, "INVALID_PRICES");
        refused(host, with("prices", prices(10_000L, -5L, null)), 400, "INVALID_PRICES");
        refused(host, with("prices", Map.of("DAY", new BigDecimal("10000.5"))), 400, "INVALID_PRICES");
        refused(host, with("prices", Map.of("NIGHT", new BigDecimal("1e30"))), 400, "INVALID_PRICES");
        refused(host, with("title", " "), 400, "VALIDATION_FAILED");
        refused(host, with("imageUrls", List.of("javascript:alert(1)")), 400, "VALIDATION_FAILED");
        refused(host, with("minCount", "two"), 400, "MALFORMED_REQUEST");

        assertThat(jdbc.sql("SELECT count(*) FROM booking_space_terms WHERE host_id = :host")
                        .param("host", host.accountId())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    /**
     * An address of only invisible characters shows nothing and is refused like a blank one, at registration and in a
     * revision; a subtitle of only invisible characters is none, as a blank one is. Both had been kept: the space
     * showed an empty address (Java's isBlank does not see a zero-width space).
     */
    @Test
    void anAddressOrSubtitleThatShowsNothingIsNone() {
        Member host = api.withRoles("Invisible Host", "HOST");
        refused(host, with("address", "\u200b"), 400, "VALIDATION_FAILED");
        refused(host, with("address", "\u00a0\u2060"), 400, "VALIDATION_FAILED");
        assertThat(jdbc.sql("SELECT count(*) FROM booking_space_terms WHERE host_id = :host")
                        .param("host", host.accountId())
                        .query(Long.class)
                        .single())
                .isZero();

        String spaceId = registerSpace(host, with("subTitle", "\u200b\u3000"));
        client().get("/api/spaces/" + spaceId).then().statusCode(200).body("subTitle", nullValue());

        host.request()
                .body(Map.of("address", "\u200b"))
                .patch("/api/spaces/" + spaceId)
                .then()
                .statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"));
        host.request()
                .body(Map.of("subTitle", "By the river"))
                .patch("/api/spaces/" + spaceId)
                .then()
                .statusCode(200);
        host.request()
                .body(Map.of("subTitle", "\u200b"))
                .patch("/api/spaces/" + spaceId)
                .then()
                .statusCode(200);
        client().get("/api/spaces/" + spaceId)
                .then()
                .statusCode(200)
                .body("subTitle", nullValue())
                .body("address", equalTo("1 Test-ro, Seoul"));
    }

    /** Money is read as a number, as everywhere: a price of 10000.0 was MALFORMED_REQUEST, and 1.5 was too. */
    @Test
    void aPriceWrittenWithAFractionOfZeroIsThatWholeNumberOfWon() {
        Member host = api.withRoles("Decimal Host", "HOST");
        String space = registerSpace(host, with("prices", Map.of("DAY", new BigDecimal("10000.0"), "NIGHT", 2e4)));
        host.request()
                .get("/api/spaces/" + space)
                .then()
                .statusCode(200)
                .body("prices.DAY", equalTo(10_000))
                .body("prices.NIGHT", equalTo(20_000));
    }

    @Test
    void theListFiltersAndSortsByTheCheapestOptionOrByLikes() {
        Member host = api.withRoles("Gallery Host", "HOST");
        String small = registerSpace(host, space("Small", JUNGNANG, GALLERY, 2, 4, prices(30_000L, 20_000L, null)));
        String large = registerSpace(host, space("Large", JUNGNANG, GALLERY, 1, 10, prices(null, null, 50_000L)));
        String hall = registerSpace(host, space("Hall", JUNGNANG, GALLERY, 5, 20, prices(10_000L, null, null)));
        Member fan = api.signUp("Fan");
        Member otherFan = api.signUp("Other Fan");
        fan.request().put("/api/spaces/" + large + "/like").then().statusCode(200);
        otherFan.request().put("/api/spaces/" + large + "/like").then().statusCode(200);
        fan.request().put("/api/spaces/" + small + "/like").then().statusCode(200);

        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> list(Map.of("sort", "best"))
                        .body("items.spaceId", contains(large, small, hall))
                        .body("items.likes", contains(2, 1, 0)));
        list(Map.of("sort", "price_asc"))
                .body("items.spaceId", contains(hall, small, large))
                .body("items.dayPrice", contains(10_000, 20_000, 50_000))
                .body("total", equalTo(3));
        list(Map.of("sort", "price_desc")).body("items.spaceId", contains(large, small, hall));
        list(Map.of()).body("items.spaceId", contains(large, small, hall));
        list(Map.of("people", 3, "sort", "price_asc")).body("items.spaceId", contains(small, large));
        list(Map.of("people", 15)).body("items.spaceId", contains(hall));
        list(Map.of("sort", "price_asc", "limit", 1, "offset", 1))
                .body("items.spaceId", contains(small))
                .body("total", equalTo(3))
                .body("limit", equalTo(1));
        list(Map.of("people", 3))
                .body("items[0].district", equalTo("중랑구"))
                .body("items[0].imageUrl", equalTo("https://img.hindsight.test/Large.jpg"));
        client().queryParam("district", MAPO)
                .queryParam("category", GALLERY)
                .get("/api/spaces")
                .then()
                .statusCode(200)
                .body("items.spaceId", not(hasItem(small)));

        client().queryParam("sort", "cheapest")
                .get("/api/spaces")
                .then()
                .statusCode(400)
                .body("code", equalTo("UNKNOWN_SORT"));
        client().queryParam("limit", 1001)
                .get("/api/spaces")
                .then()
                .statusCode(400)
                .body("code", equalTo("LIMIT_TOO_LARGE"));
        client().queryParam("people", 0)
                .get("/api/spaces")
                .then()
                .statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"));
        client().queryParam("date", BookingApi.inDays(-1).toString())
                .get("/api/spaces")
                .then()
                .statusCode(400)
                .body("code", equalTo("DATE_IN_PAST"));
        for (String notADay : List.of("tomorrow", "0000-12-31", "+10000-01-01")) {
            client().queryParam("date", notADay)
                    .get("/api/spaces")
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("MALFORMED_REQUEST"));
        }
    }

    /**
     * A space's aggregate keeps how many like it, not who: its snapshot names none of its likers however many there
     * are, while each still likes it once. V5_24 writes who likes what, for likes given before it, from the events.
     */
    @Test
    void aSpaceKeepsItsLikeCountWhileItsLikersAreRowsOfTheirOwn() throws Exception {
        String spaceId = registerSpace(api.withRoles("Popular Host", "HOST"));
        List<Member> fans = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            fans.add(api.signUp("Popular Fan " + i));
        }
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> likes = new ArrayList<>();
            for (Member fan : fans) {
                likes.add(threads.submit(() -> fan.request()
                        .put("/api/spaces/" + spaceId + "/like")
                        .then()
                        .extract()
                        .statusCode()));
            }
            for (Future<Integer> like : likes) {
                assertThat(like.get(30, TimeUnit.SECONDS)).isEqualTo(200);
            }
            // one fan, eight threads at once: one like
            Member eager = fans.get(0);
            List<Future<Integer>> again = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                again.add(threads.submit(() -> eager.request()
                        .put("/api/spaces/" + spaceId + "/like")
                        .then()
                        .extract()
                        .path("likes")));
            }
            for (Future<Integer> like : again) {
                assertThat(like.get(30, TimeUnit.SECONDS)).isEqualTo(40);
            }
        } finally {
            threads.shutdownNow();
        }
        Member toggler = fans.get(1);
        for (int i = 0; i < 31; i++) {
            toggler.request().delete("/api/spaces/" + spaceId + "/like").then().statusCode(200);
            toggler.request().put("/api/spaces/" + spaceId + "/like").then().statusCode(200);
        }
        toggler.request()
                .delete("/api/spaces/" + spaceId + "/like")
                .then()
                .statusCode(200)
                .body("likes", equalTo(39));
        long likeEvents = jdbc.sql("SELECT count(*) FROM domain_event_entry"
                        + " WHERE aggregate_identifier = :space AND payload_type = :type")
                .param("space", spaceId)
                .param("type", "io.hindsight.booking.api.SpaceLiked")
                .query(Long.class)
                .single();
        assertThat(likeEvents).as("one like per fan, and the toggler's").isEqualTo(40 + 31);

        assertThat(AggregateSnapshotRows.awaitPayload(jdbc, spaceId, "2"))
                .as("the space's snapshot after 104 events")
                .contains("\"likes\":")
                .doesNotContain(fans.get(2).accountId());

        List<String> likers = likersOf(spaceId);
        assertThat(likers).hasSize(39).doesNotContain(toggler.accountId());
        jdbc.sql("DELETE FROM booking_space_likers WHERE space_id = :space")
                .param("space", spaceId)
                .update();
        MigrationFills.rerun(jdbc, "V5_24__booking_space_likers.sql", "INSERT INTO booking_space_likers");
        assertThat(likersOf(spaceId)).as("as V5_24 writes them").isEqualTo(likers);
        fans.get(2)
                .request()
                .put("/api/spaces/" + spaceId + "/like")
                .then()
                .statusCode(200)
                .body("likes", equalTo(39));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> client().get("/api/spaces/" + spaceId)
                        .then()
                        .statusCode(200)
                        .body("likes", equalTo(39)));
    }

    private List<String> likersOf(String spaceId) {
        return jdbc.sql("SELECT account_id FROM booking_space_likers WHERE space_id = :space ORDER BY account_id")
                .param("space", spaceId)
                .query(String.class)
                .list();
    }

    @Test
    void likesAreOnePerUserAndUnlikingIsIdempotent() {
        String spaceId = registerSpace(api.withRoles("Liked Host", "HOST"));
        Member first = api.signUp("First Liker");
        Member second = api.signUp("Second Liker");

        first.request()
                .put("/api/spaces/" + spaceId + "/like")
                .then()
                .statusCode(200)
                .body("likes", equalTo(1));
        first.request()
                .put("/api/spaces/" + spaceId + "/like")
                .then()
                .statusCode(200)
                .body("likes", equalTo(1));
        second.request()
                .put("/api/spaces/" + spaceId + "/like")
                .then()
                .statusCode(200)
                .body("likes", equalTo(2));
        first.request()
                .delete("/api/spaces/" + spaceId + "/like")
                .then()
                .statusCode(200)
                .body("likes", equalTo(1));
        first.request()
                .delete("/api/spaces/" + spaceId + "/like")
                .then()
                .statusCode(200)
                .body("likes", equalTo(1));
        client().get("/api/spaces/" + spaceId).then().statusCode(200).body("likes", equalTo(1));

        first.request()
                .put("/api/spaces/00000000-0000-4000-8000-000000000000/like")
                .then()
                .statusCode(404)
                .body("code", equalTo("SPACE_NOT_FOUND"));
        first.request()
                .put("/api/spaces/not-a-space/like")
                .then()
                .statusCode(404)
                .body("code", equalTo("SPACE_NOT_FOUND"));
        client().put("/api/spaces/" + spaceId + "/like").then().statusCode(401);
    }

    @Test
    void anUnknownSpaceIsNotFound() {
        client().get("/api/spaces/00000000-0000-4000-8000-000000000000")
                .then()
                .statusCode(404)
                .body("code", equalTo("SPACE_NOT_FOUND"));
        client().get("/api/spaces/not-a-space").then().statusCode(404).body("code", equalTo("SPACE_NOT_FOUND"));
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> body = new HashMap<>(space("Bad", MAPO, PARTY_ROOM, 2, 6, prices(10_000L, null, null)));
        body.put(field, value);
        return body;
    }

    private static void refused(Member host, Map<String, Object> body, int status, String code) {
        host.request().body(body).post("/api/spaces").then().statusCode(status).body("code", equalTo(code));
    }

    private ValidatableResponse list(Map<String, ?> params) {
        return client().queryParam("district", JUNGNANG)
                .queryParam("category", GALLERY)
                .queryParams(params)
                .get("/api/spaces")
                .then()
                .statusCode(200);
    }
}
