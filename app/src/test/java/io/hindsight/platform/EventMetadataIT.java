package io.hindsight.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class EventMetadataIT extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyEventNamesItsActorAndTheRequestsCorrelationId() {
        Member member = api.signUp("Meta");
        member.request()
                .header("X-Correlation-Id", "trace-meta-42")
                .body(Map.of("name", "Meta Two"))
                .patch("/api/me")
                .then()
                .statusCode(200)
                .header("X-Correlation-Id", "trace-meta-42");

        List<String> metadata = jdbc.sql("""
                        SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry
                        WHERE aggregate_identifier = :id ORDER BY sequence_number""")
                .param("id", member.accountId())
                .query(String.class)
                .list();

        assertThat(metadata).hasSize(2);
        assertThat(metadata)
                .allSatisfy(m -> assertThat(m)
                        .contains("\"actorId\":\"" + member.accountId() + "\"")
                        .contains("\"correlationId\"")
                        .contains("\"causationId\""));
        assertThat(metadata.get(1)).contains("\"correlationId\":\"trace-meta-42\"");
    }

    /** An id of dots alone was recorded, but its lookup is a path of dot steps, which is refused: it is replaced. */
    @Test
    void aCorrelationIdOfDotsAloneIsReplacedByAGeneratedOne() {
        Member member = api.signUp("Dotted");
        for (String dots : List.of(".", "..", "...")) {
            String echoed = member.request()
                    .header("X-Correlation-Id", dots)
                    .body(Map.of("name", "Dotted " + dots.length()))
                    .patch("/api/me")
                    .then()
                    .statusCode(200)
                    .extract()
                    .header("X-Correlation-Id");
            assertThat(echoed).isNotEqualTo(dots).isNotBlank();
        }
        member.request()
                .header("X-Correlation-Id", ".a.")
                .body(Map.of("name", "Dotted a"))
                .patch("/api/me")
                .then()
                .statusCode(200)
                .header("X-Correlation-Id", ".a.");
    }

    @Test
    void noEventContainsAPasswordOrItsHash() {
        Member member = api.signUp("Secretive");
        member.request()
                .body(Map.of("currentPassword", member.password(), "newPassword", "second-secret-pw"))
                .put("/api/me/password")
                .then()
                .statusCode(204);

        List<byte[]> payloads = jdbc.sql("SELECT payload FROM domain_event_entry")
                .query(byte[].class)
                .list();
        assertThat(payloads).isNotEmpty().allSatisfy(p -> {
            String json = new String(p, StandardCharsets.UTF_8);
            assertThat(json)
                    .doesNotContain(member.password())
                    .doesNotContain("second-secret-pw")
                    .doesNotContain("$2a$")
                    .doesNotContain("passwordHash");
        });
    }
}
