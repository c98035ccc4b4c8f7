package io.hindsight.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hindsight.common.CommonError;
import io.hindsight.common.ErrorCode;
import io.hindsight.common.ErrorKind;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/** RFC 9457 problem details with the stable {@code code} every error carries. */
@Component
public class Problems {

    private final ObjectMapper json;

    public Problems(ObjectMapper json) {
        this.json = json;
    }

    public static HttpStatus statusOf(ErrorKind kind) {
        return switch (kind) {
            case INVALID_INPUT -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case PRECONDITION_FAILED -> HttpStatus.PRECONDITION_FAILED;
            case TOO_LARGE -> HttpStatus.PAYLOAD_TOO_LARGE;
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    /** The code of an error known only by its status, as the framework or the servlet container reports it. */
    public static String codeFor(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> CommonError.NOT_FOUND.name();
            case METHOD_NOT_ALLOWED -> CommonError.METHOD_NOT_ALLOWED.name();
            case UNSUPPORTED_MEDIA_TYPE -> CommonError.UNSUPPORTED_MEDIA_TYPE.name();
            case PAYLOAD_TOO_LARGE -> CommonError.PAYLOAD_TOO_LARGE.name();
            case SERVICE_UNAVAILABLE -> CommonError.DEPENDENCY_UNAVAILABLE.name();
            case NOT_ACCEPTABLE -> "NOT_ACCEPTABLE";
            case REQUEST_TIMEOUT -> "REQUEST_TIMEOUT";
            case REQUESTED_RANGE_NOT_SATISFIABLE -> "RANGE_NOT_SATISFIABLE";
            default -> status.is4xxClientError() ? CommonError.MALFORMED_REQUEST.name() : "INTERNAL_ERROR";
        };
    }

    /** The answer to a status the container set, not a controller: no more is known of the failure than its status. */
    public static ProblemDetail ofStatus(HttpStatus status) {
        String detail = switch (status) {
            case REQUEST_TIMEOUT -> "The request body stopped arriving before it was complete";
            case NOT_FOUND -> "There is nothing at this path";
            case METHOD_NOT_ALLOWED -> "No endpoint answers this method";
            case REQUESTED_RANGE_NOT_SATISFIABLE ->
                "The range asked for lies outside the file (Content-Range names its length)";
            default ->
                status.is4xxClientError()
                        ? "The request is malformed and was not processed"
                        : "Something went wrong on our side";
        };
        return of(status, codeFor(status), detail);
    }

    public static ProblemDetail of(ErrorCode code, String detail) {
        return of(statusOf(code.kind()), code.name(), detail);
    }

    public static ProblemDetail of(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://hindsight.dev/problems/"
                + code.toLowerCase(Locale.ROOT).replace('_', '-')));
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("code", code);
        return problem;
    }

    /**
     * For filters, which answer before any controller advice can. A 503 says when to try again, as the advice's
     * answers do ({@code ProblemHandler}): a dependency that is down is usually back within a second or two. The
     * {@code instance} is the path asked for, as Spring gives a controller's problem.
     */
    public void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        if (problem.getInstance() == null) {
            problem.setInstance(instanceOf(request));
        }
        response.setStatus(problem.getStatus());
        if (problem.getStatus() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    public void write(HttpServletRequest request, HttpServletResponse response, ErrorCode code, String detail)
            throws IOException {
        write(request, response, of(code, detail));
    }

    /** The path the client asked for: a request forwarded to the error page still names the one it failed on. */
    static URI instanceOf(HttpServletRequest request) {
        Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = failed instanceof String uri ? uri : request.getRequestURI();
        try {
            return path == null ? null : URI.create(path);
        } catch (IllegalArgumentException unparsable) {
            return null;
        }
    }
}
