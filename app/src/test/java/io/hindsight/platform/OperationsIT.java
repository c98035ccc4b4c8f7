package io.hindsight.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.hindsight.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class OperationsIT extends IntegrationTest {

    @Test
    void healthCoversTheDatabaseRedisAndTheProcessors() {
        api.admin()
                .request()
                .get("/actuator/health")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("components.db.status", equalTo("UP"))
                .body("components.redis.status", equalTo("UP"))
                .body("components.eventProcessors.status", equalTo("UP"))
                .body("components.eventProcessors.details", hasKey("accounts"));
    }

    /**
     * Anyone could read the node's components and their details (the processors and their segments, the embedded
     * servers): a load balancer needs the status, and only an ADMIN the rest.
     */
    @Test
    void healthShowsOnlyItsStatusToAnyoneButAnAdmin() {
        for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            client().get(path)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("UP"))
                    .body("$", not(hasKey("components")))
                    .body("$", not(hasKey("details")));
        }
        api.signUp("Health Peeker")
                .request()
                .get("/actuator/health")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("$", not(hasKey("components")));
        client().get("/actuator/health/eventProcessors").then().statusCode(404);
        api.admin()
                .request()
                .get("/actuator/health/liveness")
                .then()
                .statusCode(200)
                .body("components.embeddedServers.status", equalTo("UP"));
        api.admin()
                .request()
                .get("/actuator/health/eventProcessors")
                .then()
                .statusCode(200)
                .body("details", hasKey("accounts"));
    }

    /**
     * Every error is problem+json with a {@code code} (api.md): a health component asked for without an ADMIN's token,
     * or one that does not exist, was a 404 without any body; a DOWN-or-UP answer keeps its own body.
     */
    @Test
    void anActuatorRefusalIsAProblemWithACode() {
        for (String path : List.of("/actuator/health/eventProcessors", "/actuator/health/nonsense")) {
            client().get(path)
                    .then()
                    .statusCode(404)
                    .contentType("application/problem+json")
                    .body("code", equalTo("NOT_FOUND"))
                    .body("detail", equalTo("There is nothing at this path"))
                    .body("instance", equalTo(path));
        }
        api.admin()
                .request()
                .get("/actuator/health/nonsense")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("NOT_FOUND"));
        client().get("/actuator/health").then().statusCode(200).body("status", equalTo("UP"));
        client().get("/actuator/prometheus").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }

    /**
     * The snack order listings were described as taking one required query parameter {@code query} (an object),
     * where they take {@code year}, {@code month}, ... {@code limit}, each optional: a client generated from the
     * description could not ask for a period.
     */
    @Test
    void aPeriodIsDescribedAsTheParametersItIsTakenFrom() {
        for (String path : List.of("/api/snack-orders", "/api/snack-orders/snacks")) {
            client().get("/v3/api-docs")
                    .then()
                    .statusCode(200)
                    .body(
                            "paths.'" + path + "'.get.parameters.name",
                            hasItems("year", "month", "week", "day", "from", "to", "status", "mine", "offset", "limit"))
                    .body("paths.'" + path + "'.get.parameters.name", not(hasItem("query")))
                    .body("paths.'" + path + "'.get.parameters.findAll { it.required }", empty())
                    .body("paths.'" + path + "'.get.parameters.name", not(hasItem("tokenId")));
        }
        // nothing else is taken apart: the caller's identity is no parameter, a path variable stays one
        client().get("/v3/api-docs")
                .then()
                .body("paths.'/api/me'.get.parameters", nullValue())
                .body(
                        "paths.'/api/admin/users/{accountId}/roles'.put.parameters.findAll { it.in == 'path' }.name",
                        equalTo(List.of("accountId")))
                .body("paths.'/api/bookings'.get.parameters.name", equalTo(List.of("status", "offset", "limit")));
    }

    /**
     * A deposit and a withdrawal listed {@code Idempotency-Key} twice (the handler's own header and the one every
     * write is given), which OpenAPI forbids: a parameter is unique by name and location.
     */
    @Test
    void everyWriteListsItsIdempotencyKeyOnce() {
        for (String path : List.of("/api/wallet/deposits", "/api/wallet/withdrawals", "/api/me")) {
            String method = path.equals("/api/me") ? "patch" : "post";
            List<String> names = client().get("/v3/api-docs")
                    .then()
                    .extract()
                    .path("paths.'" + path + "'." + method + ".parameters.name");
            assertThat(names).as(path).containsOnlyOnce("Idempotency-Key");
        }
    }

    /**
     * Success responses were described as {@code *\/*}: a client generated from the description did not know it would
     * get JSON. Every success is JSON now, but the live streams' and the images' own types.
     */
    @Test
    void everySuccessIsDescribedInTheTypeItIsAnsweredIn() {
        Map<String, Map<String, Map<String, Object>>> paths =
                client().get("/v3/api-docs").then().statusCode(200).extract().path("paths");
        Map<String, Set<String>> typesBySuccess = new TreeMap<>();
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operation.get("responses");
            responses.forEach((status, response) -> {
                if (status.startsWith("2") && response.get("content") instanceof Map<?, ?> content) {
                    Set<String> types = new TreeSet<>();
                    content.keySet().forEach(type -> types.add(type.toString()));
                    typesBySuccess.put(method + " " + path + " " + status, types);
                }
            });
        }));
        assertThat(typesBySuccess).isNotEmpty();
        // and a stream is described as the text a client reads, not as the emitter object the handler returns
        for (String stream : List.of("/api/events", "/api/me/notifications/stream")) {
            client().get("/v3/api-docs")
                    .then()
                    .body(
                            "paths.'" + stream + "'.get.responses.'200'.content.'text/event-stream'.schema.type",
                            equalTo("string"));
        }
        typesBySuccess.forEach((success, types) -> {
            if (success.contains("/stream")) {
                assertThat(types).as(success).containsExactly("text/event-stream");
            } else if (success.equals("get /api/events 200")) {
                assertThat(types).as(success).containsExactly("application/json", "text/event-stream");
            } else if (success.startsWith("get /api/images/")) {
                assertThat(types).as(success).containsExactly("image/jpeg", "image/png", "image/webp");
            } else {
                assertThat(types).as(success).containsExactly("application/json");
            }
        });
    }

    /**
     * The writes that answer with tokens ignore {@code Idempotency-Key} (api.md, Idempotency): the description
     * listed it there too, promising a replay that a repeated sign-up never gets (409 {@code EMAIL_TAKEN}).
     */
    @Test
    void theWritesThatAnswerWithTokensListNoIdempotencyKey() {
        for (String path : List.of(
                "/api/auth/signup",
                "/api/auth/login",
                "/api/auth/refresh",
                "/api/auth/social/{provider}",
                "/api/merchants")) {
            List<String> names = client().get("/v3/api-docs")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("paths.'" + path + "'.post.parameters.name");
            assertThat(names == null ? List.<String>of() : names).as(path).doesNotContain("Idempotency-Key");
        }
        client().get("/v3/api-docs")
                .then()
                .body("paths.'/api/auth/logout'.post.parameters.name", hasItem("Idempotency-Key"))
                .body("paths.'/api/auth/social/{provider}'.post.parameters.name", hasItem("provider"));
    }

    @Test
    void theApiIsDescribedAndMetricsAreExposed() {
        client().get("/v3/api-docs")
                .then()
                .statusCode(200)
                .body("paths", hasKey("/api/auth/signup"))
                .body("components.securitySchemes.bearer", notNullValue())
                .body("paths.'/api/bookings'.post.responses", hasKey("201"))
                .body("paths.'/api/bookings'.post.responses", not(hasKey("200")))
                .body("paths.'/api/bookings'.post.responses.'201'.content", notNullValue())
                .body("paths.'/api/auth/logout'.post.responses", hasKey("204"))
                .body("paths.'/api/admin/projections/{name}/replay'.post.responses", hasKey("202"))
                .body("paths.'/api/me'.get.responses.default.content.'application/problem+json'", notNullValue())
                .body("paths.'/api/me'.patch.parameters.name", hasItem("Idempotency-Key"))
                .body("components.schemas.Problem.required", hasItem("code"));
        client().redirects()
                .follow(false)
                .get("/swagger-ui.html")
                .then()
                .statusCode(302)
                .header("Location", containsString("/swagger-ui/index.html"));
        io.restassured.RestAssured.given().get("/swagger-ui/index.html").then().statusCode(200);
        client().get("/actuator/prometheus").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }
}
