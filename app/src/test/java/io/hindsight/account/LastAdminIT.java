package io.hindsight.account;

import static io.hindsight.support.IntegrationTest.ADMIN_EMAIL;
import static io.hindsight.support.IntegrationTest.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.hindsight.support.Api;
import io.hindsight.support.Api.Member;
import io.restassured.RestAssured;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Runs on its own database, where the bootstrap ADMIN starts out as the only one. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "hindsight.data-dir=${java.io.tmpdir}/hindsight-last-admin-${random.uuid}",
            "hindsight.bootstrap-admin.email=" + ADMIN_EMAIL,
            "hindsight.bootstrap-admin.password=" + ADMIN_PASSWORD
        })
class LastAdminIT {

    @LocalServerPort
    int port;

    Api api = new Api();

    @BeforeEach
    void connect() {
        RestAssured.port = port;
    }

    @Test
    void theLastAdminCanNeitherLeaveNorBeDemotedAndTwoAdminsCannotBothLeave() throws Exception {
        Member root = api.admin();
        root.request().delete("/api/me").then().statusCode(409).body("code", equalTo("LAST_ADMIN"));
        root.request()
                .body(Map.of("roles", List.of("MEMBER")))
                .put("/api/admin/users/" + root.accountId() + "/roles")
                .then()
                .statusCode(409)
                .body("code", equalTo("LAST_ADMIN"));

        Member second = api.withRoles("Second Admin", "ADMIN");
        Member rootAgain = api.admin();
        CountDownLatch start = new CountDownLatch(1);
        CompletableFuture<Integer> rootLeaves = CompletableFuture.supplyAsync(() -> resignAfter(start, rootAgain));
        CompletableFuture<Integer> secondLeaves = CompletableFuture.supplyAsync(() -> resignAfter(start, second));
        start.countDown();

        assertThat(List.of(rootLeaves.get(), secondLeaves.get())).containsExactlyInAnyOrder(204, 409);
    }

    private static int resignAfter(CountDownLatch start, Member admin) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return admin.request().delete("/api/me").statusCode();
    }
}
