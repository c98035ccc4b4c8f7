package io.hindsight.audit;

import static io.hindsight.support.Api.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class DeadLetterIT extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPoisonedEventIsParkedWithItsSequenceAndRecoversOnRetry() {
        String marker = "m" + System.nanoTime();
        Member victim = api.signUp(uniqueEmail("poison"), "password-1", "Ann POISON-" + marker, null);
        victim.request()
                .body(Map.of("name", "Ann Renamed"))
                .patch("/api/me")
                .then()
                .statusCode(200);
        Member admin = api.admin();

        List<Map<String, Object>> letters = await().atMost(Duration.ofSeconds(15))
                .until(() -> lettersOf(admin, victim.accountId()), l -> l.size() == 2);
        assertThat(letters).extracting(l -> l.get("eventType")).containsExactly("AccountSignedUp", "ProfileChanged");
        assertThat(letters.get(0).get("causeMessage").toString()).contains("poisoned name");
        assertThat(probeRow(victim.accountId())).isEmpty();
        admin.request()
                .get("/api/admin/projections")
                .then()
                .statusCode(200)
                .body("find { it.name == 'poison-probe' }.deadLetters", org.hamcrest.Matchers.greaterThanOrEqualTo(2));

        admin.request()
                .post("/api/admin/dead-letters/" + letters.get(1).get("id") + "/retry")
                .then()
                .statusCode(200)
                .body("succeeded", equalTo(false));

        PoisonProbeProjection.heal(marker);
        admin.request()
                .post("/api/admin/dead-letters/" + letters.get(0).get("id") + "/retry")
                .then()
                .statusCode(200)
                .body("succeeded", equalTo(true));

        assertThat(lettersOf(admin, victim.accountId())).isEmpty();
        assertThat(probeRow(victim.accountId())).contains("Ann Renamed");
    }

    @Test
    void aDeadLetterCanBeEvicted() {
        String marker = "e" + System.nanoTime();
        Member victim = api.signUp(uniqueEmail("evict"), "password-1", "Bo POISON-" + marker, null);
        Member admin = api.admin();
        List<Map<String, Object>> letters = await().atMost(Duration.ofSeconds(15))
                .until(() -> lettersOf(admin, victim.accountId()), l -> l.size() == 1);

        admin.request()
                .delete("/api/admin/dead-letters/" + letters.get(0).get("id"))
                .then()
                .statusCode(204);

        assertThat(lettersOf(admin, victim.accountId())).isEmpty();
        admin.request()
                .delete("/api/admin/dead-letters/" + letters.get(0).get("id"))
                .then()
                .statusCode(404);
        PoisonProbeProjection.heal(marker);
    }

    /**
     * PostgreSQL's errors quote what they met ("Failing row contains (...)", "Key (email)=(...)", "invalid input
     * syntax for type integer: \"...\""): kept as a letter's cause, personal data that is otherwise encrypted and
     * erasable stayed readable on the admin endpoints for as long as the letter was kept.
     */
    @Test
    void aDeadLettersCauseQuotesNoValueOfTheRowItFailedOn() {
        String marker = "v" + System.nanoTime();
        Member refused = api.signUp(uniqueEmail("refused"), "password-1", "Cy REFUSED-" + marker, null);
        Member unreadable = api.signUp(uniqueEmail("unreadable"), "password-1", "Di UNREADABLE-" + marker, null);
        Member admin = api.admin();

        Map<String, Object> checkViolation = await().atMost(Duration.ofSeconds(15))
                .until(() -> lettersOf(admin, refused.accountId()), l -> l.size() == 1)
                .get(0);
        assertThat(checkViolation.get("causeType"))
                .isEqualTo("org.springframework.dao.DataIntegrityViolationException");
        assertThat(checkViolation.get("causeMessage").toString())
                .contains("23514", "poison_probe_name_refused")
                .doesNotContain(marker, "Cy ", "Failing row", refused.accountId());

        Map<String, Object> invalidInput = await().atMost(Duration.ofSeconds(15))
                .until(() -> lettersOf(admin, unreadable.accountId()), l -> l.size() == 1)
                .get(0);
        assertThat(invalidInput.get("causeMessage").toString())
                .contains("22P02", "invalid input syntax for type integer")
                .doesNotContain(marker, "Di ");

        for (Map<String, Object> letter : List.of(checkViolation, invalidInput)) {
            admin.request()
                    .delete("/api/admin/dead-letters/" + letter.get("id"))
                    .then()
                    .statusCode(204);
        }
    }

    @Test
    void onlyAdminsManageDeadLetters() {
        Member auditor = api.withRoles("Dl Auditor", "AUDITOR");
        auditor.request().get("/api/admin/dead-letters").then().statusCode(403);
        api.signUp("Dl Member").request().get("/api/admin/dead-letters").then().statusCode(403);
        api.admin()
                .request()
                .get("/api/admin/dead-letters")
                .then()
                .statusCode(200)
                .body("offset", equalTo(0));
        api.admin()
                .request()
                .post("/api/admin/dead-letters/no-such-letter/retry")
                .then()
                .statusCode(404);
        api.admin()
                .request()
                .get("/api/admin/projections")
                .then()
                .statusCode(200)
                .body("name", hasItem("accounts"));
    }

    private static List<Map<String, Object>> lettersOf(Member admin, String aggregateId) {
        List<Map<String, Object>> all = admin.request()
                .queryParam("projection", PoisonProbeProjection.NAME)
                .queryParam("limit", 1000)
                .get("/api/admin/dead-letters")
                .then()
                .statusCode(200)
                .extract()
                .path("items");
        return all.stream()
                .filter(l -> aggregateId.equals(l.get("aggregateId")))
                .toList();
    }

    private Optional<String> probeRow(String aggregateId) {
        return jdbc.sql("SELECT name FROM poison_probe WHERE aggregate_id = :id")
                .param("id", aggregateId)
                .query(String.class)
                .optional();
    }
}
