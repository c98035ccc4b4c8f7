package io.hindsight.platform.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import io.hindsight.common.TryAgainLater;
import io.hindsight.platform.outage.Outages;
import io.hindsight.query.Paging;
import jakarta.validation.ConstraintViolationException;
import java.lang.annotation.Annotation;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure into problem+json with a stable code: broken rules keep their own code, bad input
 * is a 400, an outage a 503, and only a genuine bug is a 500.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String DATA_EXCEPTION_CLASS = "22";
    private static final String DATETIME_FIELD_OVERFLOW = "22008";
    private static final String NUMERIC_VALUE_OUT_OF_RANGE = "22003";
    private static final String STRING_DATA_RIGHT_TRUNCATION = "22001";

    private final ObjectMapper json;

    public ProblemHandler(ObjectMapper json) {
        this.json = json;
    }

    @ExceptionHandler(BusinessException.class)
    ResponseEntity<ProblemDetail> business(BusinessException e) {
        Duration retryAfter = e instanceof TryAgainLater later ? later.after() : null;
        return respond(Problems.of(e.code(), e.getMessage()), retryAfter);
    }

    @ExceptionHandler(AggregateStreamCreationException.class)
    ResponseEntity<ProblemDetail> alreadyExists(AggregateStreamCreationException e) {
        return respond(Problems.of(CommonError.ALREADY_EXISTS, "An object with this id already exists"));
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ProblemDetail> concurrentModification(Exception e) {
        return respond(Problems.of(
                CommonError.CONCURRENT_MODIFICATION,
                "Another request changed this object at the same time; try again"));
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> commandFailed(CommandExecutionException e) throws Exception {
        Throwable cause = e.getCause();
        if (cause instanceof Exception exception && cause != e) {
            return dispatch(exception);
        }
        return unexpected(e);
    }

    /**
     * A date a client gave that no calendar arithmetic can take (the year +999999999 a day later, or in a zone):
     * the request's fault, whichever handler met it.
     */
    @ExceptionHandler(DateTimeException.class)
    ResponseEntity<ProblemDetail> dateOutOfRange(DateTimeException e) {
        log.info("A date or instant out of range: {}", e.getMessage());
        return respond(Problems.of(CommonError.VALIDATION_FAILED, "A date or instant in the request is out of range"));
    }

    /**
     * A multipart body Tomcat cannot take apart - no boundary, cut short, a part whose file name holds a NUL - is the
     * client's: it was a 500 and a stack trace anyone with a HOST token could write. One too large keeps Spring's 413
     * (its own handler is the closer match); one refused for waiting or for its size here keeps that answer.
     */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> unreadableMultipart(MultipartException e) {
        ResponseEntity<ProblemDetail> refused = refusedWhileRead(e);
        return refused != null
                ? refused
                : respond(Problems.of(CommonError.MALFORMED_REQUEST, "The multipart body could not be read"));
    }

    /**
     * A body refused while it was read: one that kept the thread waiting past its share (429/503, see {@link
     * SlowBodyRefusal}), or one over the size limit (413); null for any other failure.
     */
    private static ResponseEntity<ProblemDetail> refusedWhileRead(Throwable e) {
        SlowBodyRefusal.SlowBodyRefused refused = SlowBodyRefusal.causedBy(e);
        if (refused != null) {
            ProblemDetail problem = SlowBodyRefusal.problemFor(refused);
            return ResponseEntity.status(problem.getStatus())
                    .header(HttpHeaders.RETRY_AFTER, "1")
                    .body(problem);
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestSizeLimitFilter.BodyTooLarge) {
                return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
                        .body(Problems.of(CommonError.PAYLOAD_TOO_LARGE, "The request body is too large"));
            }
        }
        return null;
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException e) {
        ProblemDetail problem = Problems.of(CommonError.VALIDATION_FAILED, "The request is not valid");
        problem.setProperty(
                "errors",
                e.getConstraintViolations().stream()
                        .map(v -> Map.of("field", String.valueOf(v.getPropertyPath()), "message", v.getMessage()))
                        .toList());
        return respond(problem);
    }

    @ExceptionHandler({
        CannotGetJdbcConnectionException.class,
        DataAccessResourceFailureException.class,
        RedisConnectionFailureException.class,
        QueryTimeoutException.class,
        EventStoreException.class
    })
    ResponseEntity<ProblemDetail> dependencyDown(Exception e) {
        log.warn("A dependency is unavailable: {}", rootOf(e));
        return respond(Problems.of(
                CommonError.DEPENDENCY_UNAVAILABLE, "A storage dependency is unavailable; try again shortly"));
    }

    /**
     * Only a unique key is "already exists". A data exception (SQLState class 22: a NUL or a byte sequence
     * the database cannot store, a value too long) is the client's text; any other refusal (check, not
     * null, foreign key) is a rule the command side should have enforced first, so a bug.
     */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> integrityViolation(DataIntegrityViolationException e) throws Exception {
        String sqlState = sqlStateOf(e);
        if (e instanceof DuplicateKeyException || UNIQUE_VIOLATION.equals(sqlState)) {
            log.info(
                    "A unique key refused a write: {}", e.getMostSpecificCause().getMessage());
            return respond(Problems.of(CommonError.ALREADY_EXISTS, "The request conflicts with existing data"));
        }
        if (DATETIME_FIELD_OVERFLOW.equals(sqlState)) {
            return dateOutOfRange(new DateTimeException(e.getMostSpecificCause().getMessage()));
        }
        // a number past its column's range is no text of the client's: every input number is bounded before it is
        // stored, so a figure the code computed overflowed, a bug to be seen (a sum of snack amounts once did)
        if (sqlState != null
                && sqlState.startsWith(DATA_EXCEPTION_CLASS)
                && !NUMERIC_VALUE_OUT_OF_RANGE.equals(sqlState)) {
            log.info(
                    "The database refused a value: {}", e.getMostSpecificCause().getMessage());
            // said apart: a text too long for its column had been told it might hold a NUL, which hid where it was
            return respond(Problems.of(
                    CommonError.INVALID_TEXT,
                    STRING_DATA_RIGHT_TRUNCATION.equals(sqlState)
                            ? "The request holds a text longer than can be stored"
                            : "The request holds a value that cannot be stored, such as text with a NUL character"));
        }
        return unexpected(e);
    }

    private static String rootOf(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure ? failure.toString() : failure.getClass().getSimpleName() + " <- " + root;
    }

    private static String sqlStateOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    /**
     * The security filters answer their own refusals; so does the firewall when a handler reads a header it refuses
     * (a {@code Last-Event-ID}, {@code If-Modified-Since} or {@code Content-Type} charset in UTF-8), which was a 500.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) throws Exception {
        if (e instanceof AccessDeniedException
                || e instanceof AuthenticationException
                || e instanceof RequestRejectedException) {
            throw e;
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof BusinessException business) {
                return business(business);
            }
            if (cause instanceof DataIntegrityViolationException refused) {
                return integrityViolation(refused);
            }
            if (cause instanceof DateTimeException outOfRange) {
                return dateOutOfRange(outOfRange);
            }
        }
        if (Outages.isOutage(e)) {
            return dependencyDown(e);
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyFailureException concurrency) {
                return concurrentModification(concurrency);
            }
        }
        log.error("Unexpected failure", e);
        return respond(
                Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "Something went wrong on our side"));
    }

    private ResponseEntity<ProblemDetail> dispatch(Exception e) throws Exception {
        if (e instanceof BusinessException business) {
            return business(business);
        }
        if (e instanceof DataIntegrityViolationException refused) {
            return integrityViolation(refused);
        }
        if (e instanceof AggregateStreamCreationException exists) {
            return alreadyExists(exists);
        }
        if (e instanceof ConcurrencyException concurrency) {
            return concurrentModification(concurrency);
        }
        return unexpected(e);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        boolean body = e.getParameter().hasParameterAnnotation(RequestBody.class);
        // query parameters bound to an object fail here too, not only bodies: one not of its type is malformed, as
        // it is where a parameter is bound alone
        if (!body) {
            for (FieldError error : e.getBindingResult().getFieldErrors()) {
                if (error.isBindingFailure()) {
                    return parameterOfTheWrongType(
                            error.getField(),
                            e.getBindingResult().getFieldType(error.getField()),
                            error.getRejectedValue(),
                            new Annotation[0]);
                }
            }
        }
        ProblemDetail problem = Problems.of(
                CommonError.VALIDATION_FAILED,
                body ? "The request body is not valid" : "The request parameters are not valid");
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> describe(error, e.getBindingResult().getTarget()))
                .toList();
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = Problems.of(CommonError.VALIDATION_FAILED, "The request parameters are not valid");
        problem.setProperty(
                "errors",
                e.getAllValidationResults().stream()
                        .map(r -> Map.of(
                                "field",
                                String.valueOf(r.getMethodParameter().getParameterName()),
                                "message",
                                r.getResolvableErrors().isEmpty()
                                        ? "invalid"
                                        : String.valueOf(
                                                r.getResolvableErrors().get(0).getDefaultMessage())))
                        .toList());
        return ResponseEntity.badRequest().body(problem);
    }

    /** A required query parameter left out is a field missing, as one left out of a body is. */
    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = Problems.of(
                CommonError.VALIDATION_FAILED, "The query parameter '" + e.getParameterName() + "' is required");
        problem.setProperty("errors", List.of(Map.of("field", e.getParameterName(), "message", "is required")));
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (e instanceof MethodArgumentTypeMismatchException argument) {
            return parameterOfTheWrongType(
                    argument.getName(),
                    e.getRequiredType(),
                    e.getValue(),
                    argument.getParameter().getParameterAnnotations());
        }
        return parameterOfTheWrongType(e.getPropertyName(), e.getRequiredType(), e.getValue(), new Annotation[0]);
    }

    /**
     * A parameter whose text is not of its type, described by its name and what it takes (never by Java's types). A
     * limit of more digits than a number holds is still a limit too large, whatever its type could hold; any other
     * whole number past its type is out of range, like a negative offset, and says the range the parameter takes (it
     * had been told to write "the digits 0-9", which it had; and an offset had been told its int's negative bound,
     * though a negative offset is refused as well).
     */
    private static ResponseEntity<Object> parameterOfTheWrongType(
            String name, Class<?> type, Object value, Annotation[] declared) {
        if ("limit".equals(name) && value instanceof String text && text.matches("\\+?[0-9]+")) {
            return ResponseEntity.badRequest()
                    .body(Problems.of(
                            CommonError.LIMIT_TOO_LARGE, "limit must be at most %d".formatted(Paging.MAX_LIMIT)));
        }
        Optional<ParameterTypes.Range> range = ParameterTypes.rangeOf(name, type, declared);
        if (range.isPresent()
                && value instanceof String text
                && ClientInput.ASCII_WHOLE_NUMBER.matcher(text).matches()) {
            ProblemDetail problem = Problems.of(
                    CommonError.VALIDATION_FAILED,
                    "The parameter '%s' is out of range: %s"
                            .formatted(name, range.get().describe()));
            problem.setProperty(
                    "errors",
                    List.of(Map.of("field", name, "message", range.get().describe())));
            return ResponseEntity.badRequest().body(problem);
        }
        return ResponseEntity.badRequest()
                .body(Problems.of(
                        CommonError.MALFORMED_REQUEST,
                        "The parameter '%s' must be %s".formatted(name, ParameterTypes.describe(type))));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ResponseEntity<ProblemDetail> refused = refusedWhileRead(e);
        if (refused != null) {
            return ResponseEntity.status(refused.getStatusCode())
                    .headers(refused.getHeaders())
                    .body(refused.getBody());
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ClientInput.NotUtf8 notUtf8) {
                return ResponseEntity.badRequest()
                        .body(Problems.of(CommonError.MALFORMED_REQUEST, notUtf8.getMessage()));
            }
        }
        String detail = "The request body is not valid JSON for this endpoint";
        if (e.getCause() instanceof JsonMappingException mapping
                && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> a + "." + b)
                    .orElse("?");
            if (mapping instanceof ClientInput.InvalidText) {
                return ResponseEntity.badRequest()
                        .body(Problems.of(
                                CommonError.INVALID_TEXT, "The field '" + field + "' " + mapping.getOriginalMessage()));
            }
            detail = "The field '" + field + "' has a value of the wrong type or an unknown value";
        }
        if (e.getCause() instanceof ClientInput.InvalidText invalid) {
            return ResponseEntity.badRequest()
                    .body(Problems.of(CommonError.INVALID_TEXT, "A key " + invalid.getOriginalMessage()));
        }
        return ResponseEntity.badRequest().body(Problems.of(CommonError.MALFORMED_REQUEST, detail));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        HttpStatus status = HttpStatus.valueOf(statusCode.value());
        String code = Problems.codeFor(status);
        if (status.is5xxServerError()) {
            log.error("Request failed", e);
        }
        String detail = e instanceof HttpRequestMethodNotSupportedException
                        || e instanceof HttpMediaTypeNotSupportedException
                        || e instanceof HttpMediaTypeNotAcceptableException
                ? e.getMessage()
                : describeClientError(status, e);
        ProblemDetail problem = Problems.of(status, code, detail);
        return ResponseEntity.status(status).headers(headers).body(problem);
    }

    private static String describeClientError(HttpStatus status, Exception e) {
        if (status == HttpStatus.NOT_FOUND) {
            return "No such resource";
        }
        if (status.is4xxClientError()) {
            return "The request could not be read: " + summary(e);
        }
        return "Something went wrong on our side";
    }

    private static String summary(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int cut = message.indexOf(':');
        String shortened = cut > 0 && message.length() > 200 ? message.substring(0, cut) : message;
        return shortened.length() > 300 ? shortened.substring(0, 300) : shortened;
    }

    /** The field as the client named it: a component's JSON name where it has one of its own. */
    private Map<String, String> describe(FieldError error, Object target) {
        return Map.of(
                "field",
                JsonFieldNames.of(json, target == null ? null : target.getClass(), error.getField()),
                "message",
                String.valueOf(error.getDefaultMessage()));
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return respond(problem, null);
    }

    /**
     * Says when to try again: after {@code retryAfter} when known, and a 503 whichever dependency it names. A response
     * already started (a live stream that failed midway, its events flowing as {@code text/event-stream}) can take no
     * problem: writing one failed in the handler and logged two errors per stream; the stream just ends.
     */
    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem, Duration retryAfter) {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && attributes.getResponse() != null
                && attributes.getResponse().isCommitted()) {
            return null;
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.status(problem.getStatus());
        if (retryAfter != null) {
            // in whole seconds rounded up: rounded down, a client retrying as asked came back before the time was up
            long seconds = Math.max(1, retryAfter.plusNanos(999_999_999).toSeconds());
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        } else if (problem.getStatus() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            response.header(HttpHeaders.RETRY_AFTER, "1");
        }
        return response.body(problem);
    }
}
