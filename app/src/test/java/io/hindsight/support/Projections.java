package io.hindsight.support;

import static org.awaitility.Awaitility.await;

import io.hindsight.support.Api.Member;
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

    /** Waits until every projection has handled every event: none stalls, whatever was sent. */
    public static void awaitAllCaughtUp(Member admin) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> all(admin).stream().allMatch(p -> ((Number) p.get("lag")).longValue() == 0));
    }
}
