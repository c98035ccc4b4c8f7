package io.hindsight.store;

import static io.hindsight.store.StoreSteps.awaitPoints;
import static io.hindsight.store.StoreSteps.grantPoints;
import static io.hindsight.store.StoreSteps.menu;
import static io.hindsight.store.StoreSteps.openStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.hindsight.ledger.LedgerSteps;
import io.hindsight.store.StoreSteps.Merchant;
import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.Projections;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PointsIT extends IntegrationTest {

    @AfterEach
    void ledgerStillHolds() {
        LedgerSteps.assertLedgerHolds(api.admin());
    }

    @Test
    void canGrantPointsWithAReasonAndSeeThemAsOfAnInstant() {
        Member admin = api.admin();
        Member member = api.signUp("Granted Member");
        assertThat(grantPoints(admin, member, 500, "Survey reward")).isEqualTo(500);
        awaitPoints(member, 500, 0);
        Instant between = Instant.now();
        assertThat(grantPoints(admin, member, 250, "Apology for a late order")).isEqualTo(750);
        awaitPoints(member, 750, 0);

        JsonPath points = StoreSteps.points(member);
        assertThat(points.getList("history.reason")).containsExactly("Apology for a late order", "Survey reward");
        assertThat(points.getList("history.amount", Long.class)).containsExactly(250L, 500L);
        assertThat(points.getString("history[0].transferId")).startsWith("tr-");
        assertThat(points.getString("history[0].at")).isNotNull();
        member.request()
                .queryParam("asOf", between.toString())
                .get("/api/me/points")
                .then()
                .statusCode(200)
                .body("balance", equalTo(500))
                .body("history.size()", equalTo(1));
    }

    @Test
    void cannotGrantPointsWithoutTheRoleOrWithBadInput() {
        Member admin = api.admin();
        Member member = api.signUp("Not Granted");
        member.request()
                .body(Map.of("amount", 100, "reason", "self-service"))
                .post("/api/admin/users/" + member.accountId() + "/points")
                .then()
                .statusCode(403);
        admin.request()
                .body(Map.of("amount", -5, "reason", "negative"))
                .post("/api/admin/users/" + member.accountId() + "/points")
                .then()
                .statusCode(400);
        admin.request()
                .body(Map.of("amount", 10))
                .post("/api/admin/users/" + member.accountId() + "/points")
                .then()
                .statusCode(400);
        admin.request()
                .body(Map.of("amount", 10, "reason", "nobody"))
                .post("/api/admin/users/00000000-0000-0000-0000-000000000000/points")
                .then()
                .statusCode(404);
        Projections.awaitAllCaughtUp(admin);
        awaitPoints(member, 0, 0);
    }

    /** The user reads the reason in the points history: one of only invisible characters showed no reason at all. */
    @Test
    void cannotGrantPointsForAReasonThatShowsNothing() {
        Member admin = api.admin();
        Member member = api.signUp("Invisible Reason");
        for (String reason : List.of("\u200B", "\u3164\u2060", " \uFEFF ")) {
            admin.request()
                    .body(Map.of("amount", 100, "reason", reason))
                    .post("/api/admin/users/" + member.accountId() + "/points")
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("VALIDATION_FAILED"));
        }
        Projections.awaitAllCaughtUp(admin);
        awaitPoints(member, 0, 0);
        assertThat(StoreSteps.points(member).getList("history")).isEmpty();
    }

    @Test
    void cannotSpendTheSamePointsInEightOrdersAtOnce() throws Exception {
        Merchant merchant = openStore("Points Race");
        String cake = menu(merchant, "Race Cake", 5_000);
        Member customer = api.signUp("Points Racer");
        grantPoints(api.admin(), customer, 3_000, "Race fuel");

        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<JsonPath> answers = new ArrayList<>();
        List<Integer> codes = new ArrayList<>();
        try {
            List<Future<io.restassured.response.Response>> outcomes = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return StoreSteps.order(customer, merchant.storeId(), Map.of(cake, 1), 2_000);
                }));
            }
            start.countDown();
            for (Future<io.restassured.response.Response> outcome : outcomes) {
                codes.add(outcome.get().statusCode());
                answers.add(outcome.get().jsonPath());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(codes).filteredOn(code -> code == 201).hasSize(1);
        assertThat(codes).filteredOn(code -> code == 409).hasSize(threads - 1);
        assertThat(answers)
                .filteredOn(answer -> answer.getString("code") != null)
                .allMatch(answer -> answer.getString("code").equals("INSUFFICIENT_POINTS"));
        awaitPoints(customer, 1_000, 2_000);
    }
}
