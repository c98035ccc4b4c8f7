package io.hindsight.audit.evidence;

import static io.hindsight.support.IntegrationTest.client;
import static org.hamcrest.Matchers.oneOf;

import io.hindsight.support.Api.Member;
import java.util.Map;

/** The evidence endpoints as the tests call them, answers as parsed JSON. */
final class EvidenceCalls {

    private EvidenceCalls() {}

    /** A checkpoint over everything committed: the new one (201) or, when nothing is new, the latest (200). */
    static Map<String, Object> checkpointNow(Member admin) {
        return admin.request()
                .post("/api/audit/checkpoints")
                .then()
                .statusCode(oneOf(200, 201))
                .extract()
                .path("");
    }

    static Map<String, Object> proof(Member reader, long position) {
        return reader.request()
                .get("/api/audit/events/" + position + "/proof")
                .then()
                .statusCode(200)
                .extract()
                .path("");
    }

    static Map<String, Object> publishedKeys() {
        return client().get("/.well-known/hindsight/keys")
                .then()
                .statusCode(200)
                .extract()
                .path("");
    }

    static long number(Map<String, Object> json, String field) {
        return ((Number) json.get(field)).longValue();
    }
}
