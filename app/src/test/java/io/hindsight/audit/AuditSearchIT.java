package io.hindsight.audit;

import static io.hindsight.support.Api.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.hindsight.shop.ShopSteps;
import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.Projections;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AuditSearchIT extends IntegrationTest {

    @Test
    void canFindAnAccountByEmailNameOrNicknameAndItsObjects() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Member member = api.signUp(uniqueEmail("searched"), "password-1", "Searched " + tag, "nick" + tag);
        Member admin = api.admin();
        String product = ShopSteps.createProduct(admin, "Barley tea " + tag, 3000);
        String cartId = ShopSteps.added(member, product, 1);
        String receiptId = ShopSteps.checkedOut(member, cartId);
        Projections.awaitAllCaughtUp(admin);
        Member auditor = api.withRoles("Search Auditor", "AUDITOR");

        search(auditor, member.email().toUpperCase())
                .body("find { it.kind == 'account' }.id", equalTo(member.accountId()))
                .body("find { it.kind == 'account' }.label", equalTo("Searched " + tag))
                .body("findAll { it.kind == 'cart' }.id", hasItem(cartId))
                .body("find { it.kind == 'receipt' }.id", equalTo(receiptId))
                .body("find { it.kind == 'receipt' }.ownerId", equalTo(member.accountId()));
        search(auditor, "nick" + tag).body("id", hasItem(member.accountId()));
        search(auditor, "arched " + tag).body("id", hasItem(member.accountId()));
        search(auditor, "barley TEA " + tag)
                .body("find { it.kind == 'product' }.id", equalTo(product))
                .body("find { it.kind == 'product' }.label", equalTo("Barley tea " + tag))
                .body("find { it.kind == 'product' }.detail", equalTo("3000 KRW"));
        search(auditor, receiptId).body("kind", hasItem("receipt"));
    }

    @Test
    void canFindAnyAggregateByItsIdEvenWithoutASearchableReadModel() {
        Member member = api.signUp("By Id");
        Member auditor = api.withRoles("Id Auditor", "AUDITOR");
        search(auditor, member.accountId())
                .body("find { it.id == '" + member.accountId() + "' }.kind", equalTo("account"));
        String snackOrderLike = UUID.randomUUID().toString();
        search(auditor, snackOrderLike).body("", hasSize(0));
    }

    /** An id in capitals, as the endpoints read it, found nothing: the search reads it too. */
    @Test
    void canFindAnAccountAndItsObjectsByItsIdInCapitals() {
        Member member = api.signUp("By Id In Capitals");
        Member auditor = api.withRoles("Capitals Auditor", "AUDITOR");
        search(auditor, member.accountId().toUpperCase())
                .body("find { it.id == '" + member.accountId() + "' }.kind", equalTo("account"));
    }

    @Test
    void wildcardsInTheQueryAreMatchedLiterally() {
        Member auditor = api.withRoles("Literal Auditor", "AUDITOR");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Member member = api.signUp(uniqueEmail("literal"), "password-1", "Literal " + tag, null);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> search(auditor, "Literal " + tag).body("id", hasItem(member.accountId())));
        search(auditor, "Lit_ral " + tag).body("id", not(hasItem(member.accountId())));
        search(auditor, "Lit%al " + tag).body("id", not(hasItem(member.accountId())));
    }

    @Test
    void cannotSearchWithoutTheAuditorOrAdminRoleOrWithABadQuery() {
        Member member = api.signUp("Not Auditor");
        member.request().get("/api/audit/search?q=x").then().statusCode(403);
        client().get("/api/audit/search?q=x").then().statusCode(401);
        Member admin = api.admin();
        admin.request().get("/api/audit/search").then().statusCode(400);
        admin.request().get("/api/audit/search?q=" + "a".repeat(201)).then().statusCode(400);
        admin.request().queryParam("q", "  ").get("/api/audit/search").then().statusCode(400);
    }

    @Test
    void canFollowACorrelationIdAcrossAggregatesInGlobalOrder() {
        Member admin = api.admin();
        Member member = api.signUp("Correlated Buyer");
        String cartId =
                ShopSteps.added(member, ShopSteps.createProduct(admin, ShopSteps.uniqueName("Corn tea"), 3000), 2);
        String correlationId = "checkout-" + UUID.randomUUID();
        String receiptId = ShopSteps.checkedOut(member, cartId, correlationId);
        Member auditor = api.withRoles("Correlation Auditor", "AUDITOR");

        List<Map<String, Object>> events = await().atMost(Duration.ofSeconds(15))
                .until(
                        () -> auditor.request()
                                .get("/api/audit/correlations/" + correlationId)
                                .then()
                                .statusCode(200)
                                .extract()
                                .<List<Map<String, Object>>>path("events"),
                        found -> found.size() >= 2);
        assertThat(events).extracting(e -> e.get("aggregateId")).contains(cartId, receiptId);
        assertThat(events).allSatisfy(e -> assertThat(e.get("correlationId")).isEqualTo(correlationId));
        assertThat(events)
                .extracting(e -> ((Number) e.get("position")).longValue())
                .isSorted();
        assertThat(events)
                .filteredOn(e -> e.get("aggregateId").equals(cartId))
                .extracting(e -> e.get("type"))
                .contains("CartCheckedOut");

        auditor.request()
                .get("/api/audit/correlations/no-such-request")
                .then()
                .statusCode(200)
                .body("events", hasSize(0));
        member.request().get("/api/audit/correlations/" + correlationId).then().statusCode(403);
    }

    /** Requests committed together reach the index in one batch: each correlation id still finds its own event. */
    @Test
    void concurrentRequestsEachFindTheirOwnEvents() throws Exception {
        Member admin = api.admin();
        List<Member> members = IntStream.range(0, 12)
                .mapToObj(i -> api.signUp("Concurrent Correlation " + i))
                .toList();
        Map<String, String> correlationToAccount = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(members.size());
        try {
            List<Future<?>> sent = members.stream()
                    .<Future<?>>map(member -> clients.submit(() -> {
                        String correlationId = "together-" + UUID.randomUUID();
                        member.request()
                                .header("X-Correlation-Id", correlationId)
                                .body(Map.of("name", "Renamed " + correlationId))
                                .patch("/api/me")
                                .then()
                                .statusCode(200);
                        correlationToAccount.put(correlationId, member.accountId());
                    }))
                    .toList();
            for (Future<?> request : sent) {
                request.get(30, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
        Projections.awaitAllCaughtUp(admin);
        Member auditor = api.withRoles("Batch Auditor", "AUDITOR");
        correlationToAccount.forEach((correlationId, accountId) -> auditor.request()
                .get("/api/audit/correlations/" + correlationId)
                .then()
                .statusCode(200)
                .body("events", hasSize(1))
                .body("events[0].aggregateId", equalTo(accountId))
                .body("events[0].type", equalTo("ProfileChanged")));
    }

    @Test
    void theCorrelationIndexSurvivesAVerifiedReplay() {
        Member admin = api.admin();
        api.signUp("Replayed Correlation");
        Projections.awaitAllCaughtUp(admin);
        admin.request()
                .post("/api/admin/projections/" + CorrelationProjection.NAME + "/replay")
                .then()
                .statusCode(202);
        await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> admin.request()
                                .get("/api/admin/projections/" + CorrelationProjection.NAME + "/replay")
                                .then()
                                .extract()
                                .<String>path("state"),
                        state -> state.equals("COMPLETED") || state.equals("FAILED"));
        admin.request()
                .get("/api/admin/projections/" + CorrelationProjection.NAME + "/replay")
                .then()
                .body("state", equalTo("COMPLETED"))
                .body("verified", equalTo(true));
    }

    private static ValidatableResponse search(Member caller, String q) {
        return caller.request()
                .queryParam("q", q)
                .get("/api/audit/search")
                .then()
                .statusCode(200);
    }
}
