package io.hindsight.booking;

import static io.hindsight.support.IntegrationTest.client;

import io.hindsight.support.Api.Member;
import io.restassured.response.Response;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Requests of the spaces and bookings API that most booking tests need. */
public final class BookingApi {

    static final ZoneId SPACES_ZONE = ZoneId.of("Asia/Seoul");
    static final int MAPO = 13;
    static final int PARTY_ROOM = 1;
    /** What a guest's wallet holds: enough for the bookings of any one test. */
    static final long WALLET = 1_000_000;

    private BookingApi() {}

    /** A date {@code days} after today where the spaces are. */
    public static LocalDate inDays(int days) {
        return LocalDate.now(SPACES_ZONE).plusDays(days);
    }

    static Map<String, Object> prices(Long day, Long night, Long allDay) {
        Map<String, Object> prices = new LinkedHashMap<>();
        prices.put("DAY", day);
        prices.put("NIGHT", night);
        prices.put("ALL_DAY", allDay);
        return prices;
    }

    static Map<String, Object> space(
            String title, int districtId, int categoryId, int minCount, int maxCount, Map<String, Object> prices) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", title);
        body.put("subTitle", "A place for " + title);
        body.put("categoryId", categoryId);
        body.put("districtId", districtId);
        body.put("minCount", minCount);
        body.put("maxCount", maxCount);
        body.put("address", "1 Test-ro, Seoul");
        body.put("facilityIds", List.of(1, 3));
        body.put("imageUrls", List.of("https://img.hindsight.test/" + title.replace(' ', '-') + ".jpg"));
        body.put("prices", prices);
        return body;
    }

    /** A space in Mapo for 2 to 8 people offering every option. */
    public static String registerSpace(Member host) {
        return registerSpace(host, space("Loft", MAPO, PARTY_ROOM, 2, 8, prices(50_000L, 60_000L, 90_000L)));
    }

    public static String registerSpace(Member host, Map<String, Object> body) {
        return host.request()
                .body(body)
                .post("/api/spaces")
                .then()
                .statusCode(201)
                .extract()
                .path("spaceId");
    }

    static Response book(Member guest, String spaceId, LocalDate date, String option, int headcount) {
        return guest.request()
                .body(Map.of("spaceId", spaceId, "date", date.toString(), "option", option, "headcount", headcount))
                .post("/api/bookings");
    }

    public static String booked(Member guest, String spaceId, LocalDate date, String option) {
        return book(guest, spaceId, date, option, 4)
                .then()
                .statusCode(201)
                .extract()
                .path("bookingId");
    }

    static Response availability(String spaceId, LocalDate date, String option) {
        return client().queryParam("date", date.toString())
                .queryParam("option", option)
                .get("/api/spaces/" + spaceId + "/availability");
    }
}
