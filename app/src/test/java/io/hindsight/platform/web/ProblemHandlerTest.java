package io.hindsight.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.constraints.Min;
import java.lang.reflect.Method;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

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

    /** Still INVALID_TEXT, but told as too long: it had been told it might hold a NUL character. */
    @Test
    void canTellATextTooLongForItsColumnFromOneTheDatabaseCannotStore() throws Exception {
        assertThat(answer(refused("22001"))).isEqualTo("400 INVALID_TEXT");
        assertThat(handler.integrityViolation(refused("22001")).getBody().getDetail())
                .isEqualTo("The request holds a text longer than can be stored");
        assertThat(handler.integrityViolation(refused("22021")).getBody().getDetail())
                .contains("NUL");
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

    /**
     * A whole number past its parameter's type is told the range the parameter takes: an offset was told its int's,
     * down to -2147483648, though a negative offset is refused as well.
     */
    @Test
    void canNameTheRangeAParameterTakesWhenANumberIsPastItsType() throws Exception {
        assertThat(outOfRange("offset", "2147483648")).isEqualTo("it must lie between 0 and 2147483647");
        assertThat(outOfRange("offset", "-2147483649")).isEqualTo("it must lie between 0 and 2147483647");
        assertThat(outOfRange("after", "9223372036854775808"))
                .isEqualTo("it must lie between 0 and 9223372036854775807");
        assertThat(outOfRange("people", "2147483648")).as("@Min(1)").isEqualTo("it must lie between 1 and 2147483647");
        assertThat(outOfRange("district", "2147483648"))
                .as("no bound but its type's")
                .isEqualTo("it must lie between -2147483648 and 2147483647");
    }

    @SuppressWarnings("unused")
    private static void listing(Integer offset, Long after, @Min(1) Integer people, Integer district) {}

    private String outOfRange(String parameter, String value) throws Exception {
        Method listing =
                getClass().getDeclaredMethod("listing", Integer.class, Long.class, Integer.class, Integer.class);
        MethodParameter declared = new MethodParameter(
                listing, List.of("offset", "after", "people", "district").indexOf(parameter));
        ResponseEntity<Object> answer = handler.handleTypeMismatch(
                new MethodArgumentTypeMismatchException(
                        value, declared.getParameterType(), parameter, declared, new NumberFormatException(value)),
                new HttpHeaders(),
                HttpStatus.BAD_REQUEST,
                null);
        ProblemDetail problem = (ProblemDetail) answer.getBody();
        assertThat(problem.getProperties()).containsEntry("code", "VALIDATION_FAILED");
        assertThat(problem.getDetail()).startsWith("The parameter '" + parameter + "' is out of range: ");
        return problem.getDetail().substring(problem.getDetail().indexOf(": ") + 2);
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
