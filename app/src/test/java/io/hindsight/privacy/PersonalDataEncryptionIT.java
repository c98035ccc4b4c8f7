package io.hindsight.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.hindsight.support.Api;
import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Personal fields are stored encrypted per account; everything that reads events sees them in the clear. */
class PersonalDataEncryptionIT extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void canReadPersonalFieldsThatTheEventStoreHoldsOnlyEncrypted() {
        String email = Api.uniqueEmail("sealed");
        Member member = api.signUp(email, "password-sealed", "Sealed Name", "sealednick" + email.substring(7, 13));

        List<String> payloads = storedPayloads(member.accountId());
        assertThat(payloads).isNotEmpty();
        assertThat(String.join("\n", payloads))
                .doesNotContain(email)
                .doesNotContain("Sealed Name")
                .doesNotContain("sealednick")
                .contains("\"ct\":")
                .contains("\"accountId\":\"" + member.accountId() + "\"");
        assertThat(jdbc.sql("SELECT count(*) FROM personal_data_key WHERE subject = :id AND key_bytes IS NOT NULL")
                        .param("id", member.accountId())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        Member admin = api.admin();
        admin.request()
                .get("/api/audit/aggregates/" + member.accountId() + "/events")
                .then()
                .statusCode(200)
                .body("[0].payload.email", equalTo(email))
                .body("[0].payload.profile.name", equalTo("Sealed Name"));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> admin.request()
                        .get("/api/admin/users/" + member.accountId())
                        .then()
                        .statusCode(200)
                        .body("email", equalTo(email))
                        .body("name", equalTo("Sealed Name")));
    }

    @Test
    void canStoreEachValueUnderAFreshIvSoEqualValuesDoNotLookEqual() {
        Member member = api.signUp("Twice Same");
        api.logIn(member.email(), member.password());
        api.logIn(member.email(), member.password());
        List<String> loggedIn = jdbc.sql("""
                        SELECT convert_from(payload, 'UTF8') FROM domain_event_entry
                        WHERE aggregate_identifier = :id AND payload_type = 'io.hindsight.account.api.LoggedIn'""")
                .param("id", member.accountId())
                .query(String.class)
                .list();
        assertThat(loggedIn).hasSizeGreaterThanOrEqualTo(2);
        assertThat(loggedIn.get(0)).contains("\"clientAddress\":{\"pd\":");
        assertThat(loggedIn.get(0)).isNotEqualTo(loggedIn.get(1));
    }

    private List<String> storedPayloads(String accountId) {
        return jdbc.sql("SELECT payload FROM domain_event_entry WHERE aggregate_identifier = :id")
                .param("id", accountId)
                .query((rs, row) -> new String(rs.getBytes(1), StandardCharsets.UTF_8))
                .list();
    }
}
