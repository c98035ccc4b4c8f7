package io.hindsight.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Which database refusal means what: only a unique key is "already exists". */
class ProblemHandlerTest {

    private final ProblemHandler handler = new ProblemHandler(new ObjectMapper());

    @Test
    void canAnswerAUniqueKeyViolationAsAlreadyExists() throws Exception {
        assertThat(answer(refused("23505"))).isEqualTo("409 ALREADY_EXISTS");
        assertThat(answer(new DuplicateKeyException("duplicate"))).isEqualTo("409 ALREADY_EXISTS");
    }

    @Test
    void canAnswerTextTheDatabaseCannotStoreAsInvalidText() throws Exception {
        assertThat(answer(refused("22021"))).isEqualTo("400 INVALID_TEXT");
        assertThat(answer(refused("22P05"))).isEqualTo("400 INVALID_TEXT");
    }

    @Test
    void cannotPassOtherRefusalsOffAsConflicts() throws Exception {
        assertThat(answer(refused("23503"))).as("foreign key").isEqualTo("500 INTERNAL_ERROR");
        assertThat(answer(refused("23514"))).as("check").isEqualTo("500 INTERNAL_ERROR");
        assertThat(answer(refused("23502"))).as("not null").isEqualTo("500 INTERNAL_ERROR");
        assertThat(answer(refused("22003")))
                .as("a computed number out of range")
                .isEqualTo("500 INTERNAL_ERROR");
    }

    private String answer(DataIntegrityViolationException e) throws Exception {
        ResponseEntity<ProblemDetail> response = handler.integrityViolation(e);
        return response.getStatusCode().value() + " "
                + response.getBody().getProperties().get("code");
    }

    private static DataIntegrityViolationException refused(String sqlState) {
        return new DataIntegrityViolationException(
                "refused", new SQLException("ERROR: the database refused it", sqlState));
    }

    /** A live stream that failed midway had its problem written as text/event-stream: a failure in the handler. */
    @Test
    void cannotWriteAProblemIntoAResponseAlreadyStarted() throws Exception {
        MockHttpServletResponse streaming = new MockHttpServletResponse();
        streaming.setContentType("text/event-stream");
        streaming.flushBuffer();
        RequestContextHolder.setRequestAttributes(
                new ServletRequestAttributes(new MockHttpServletRequest(), streaming));
        try {
            assertThat(handler.dependencyDown(new CannotGetJdbcConnectionException("down")))
                    .isNull();
        } finally {
            RequestContextHolder.resetRequestAttributes();
        }
        assertThat(handler.dependencyDown(new CannotGetJdbcConnectionException("down"))
                        .getStatusCode()
                        .value())
                .isEqualTo(503);
    }
}
