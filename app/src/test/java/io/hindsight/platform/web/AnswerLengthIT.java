package io.hindsight.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** JSON answers are sent whole with their length: chunked, each cost a second write to the socket. */
class AnswerLengthIT extends IntegrationTest {

    @Test
    void answersAndProblemsCarryTheirLengthInsteadOfChunks() {
        Member member = api.signUp("Length Reader");

        Response read = member.request().get("/api/me");
        Response changed = member.request()
                .contentType("application/json")
                .body(Map.of("name", "Length Writer"))
                .patch("/api/me");
        Response problem = member.request().get("/api/bookings/" + UUID.randomUUID());

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.jsonPath().getString("name")).isEqualTo("Length Writer");
        assertThat(problem.statusCode()).isEqualTo(404);
        assertThat(problem.contentType()).startsWith("application/problem+json");
        for (Response answer : new Response[] {read, changed, problem}) {
            assertThat(answer.header("Transfer-Encoding")).isNull();
            assertThat(answer.header("Content-Length")).isEqualTo(String.valueOf(answer.asByteArray().length));
        }
    }
}
