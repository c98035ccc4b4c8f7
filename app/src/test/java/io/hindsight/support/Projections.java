package io.hindsight.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;

import io.hindsight.support.Api.Member;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What an operator sees of the projections, through the admin API. */
public final class Projections {

    private Projections() {}

    public static List<Map<String, Object>> all(Member admin) {
        return admin.request()
                .get("/api/admin/projections")
                .then()
                .statusCode(200)
                .extract()
                .path("");
    }

    public static Map<String, Object> named(Member admin, String name) {
        return all(admin).stream()
                .filter(p -> name.equals(p.get("name")))
                .findFirst()
                .orElseThrow();
    }

    /**
     * Rebuilds the projection from the first event side by side with the live one, and asserts that the
     * rebuild is identical (verified, no difference).
     */
    public static JsonPath assertReplayIdentical(Member admin, String projection) {
        JsonPath status = replay(admin, projection);
        assertThat(status.getString("state")).as(projection).isEqualTo("COMPLETED");
        assertThat(status.getInt("differenceCount"))
                .as(projection + " differences: " + status.getList("differences"))
                .isZero();
        assertThat(status.getBoolean("verified")).as(projection).isTrue();
        return status;
    }

    /** Rebuilds the projection from the first event side by side and answers the replay's final status. */
    public static JsonPath replay(Member admin, String projection) {
        await().atMost(Duration.ofSeconds(60)).until(() -> !replaying(admin, projection));
        admin.request()
                .post("/api/admin/projections/" + projection + "/replay")
                .then()
                .statusCode(202);
        await().atMost(Duration.ofSeconds(120)).until(() -> !replaying(admin, projection));
        return admin.request()
                .get("/api/admin/projections/" + projection + "/replay")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** Whether a replay of the projection is under way. */
    public static boolean replaying(Member admin, String projection) {
        return List.of("PAUSING", "REBUILDING", "VERIFYING").contains(replayState(admin, projection));
    }

    public static String replayState(Member admin, String projection) {
        return admin.request()
                .get("/api/admin/projections/" + projection + "/replay")
                .then()
                .extract()
                .path("state");
    }

    /**
     * Waits until every projection has handled every event: none stalls, whatever was sent. A timeout names the
     * projections still behind, with their state, segments and owners.
     */
    /** How many events are parked as dead letters, of every projection. */
    public static long deadLetters(Member admin) {
        return admin.request()
                .queryParam("limit", 1)
                .get("/api/admin/dead-letters")
                .then()
                .statusCode(200)
                .extract()
                .<Number>path("total")
                .longValue();
    }

    public static void awaitAllCaughtUp(Member admin) {
        awaitAllCaughtUp(admin, Duration.ofSeconds(30));
    }

    /** As {@link #awaitAllCaughtUp(Member)}, for as long as events written in bulk take to fold. */
    public static void awaitAllCaughtUp(Member admin, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(200)).until(() -> lagging(admin), empty());
    }

    private static List<Map<String, Object>> lagging(Member admin) {
        return all(admin).stream()
                .filter(p -> ((Number) p.get("lag")).longValue() != 0)
                .toList();
    }
}
