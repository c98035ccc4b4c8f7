package io.hindsight.platform;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.hindsight.support.IntegrationTest;
import java.util.List;
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
