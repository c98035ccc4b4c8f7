package io.hindsight.platform.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hindsight.common.AuthenticatedAccount;
import io.hindsight.common.CommonError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Set;
import org.springframework.core.annotation.Order;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} on writes: the first request with a key runs and its response is kept for a
 * day; a repeat with the same body gets that response again without running; a repeat with another
 * body, or while the first is still running, is a 409. Keys are per caller.
 */
@Component
@Order(0)
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Duration KEEP = Duration.ofHours(24);
    private static final Duration IN_FLIGHT = Duration.ofMinutes(2);

    private final StringRedisTemplate redis;
    private final ObjectMapper json;
    private final Problems problems;

    public IdempotencyFilter(StringRedisTemplate redis, ObjectMapper json, Problems problems) {
        this.redis = redis;
        this.json = json;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getHeader(HEADER) == null || !WRITES.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key.isBlank() || key.length() > 200) {
            problems.write(response, CommonError.VALIDATION_FAILED, "Idempotency-Key must be 1 to 200 characters");
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        String bodyHash = sha256(body);
        String redisKey = "hs:idempotency:"
                + sha256((caller(request) + "\n" + request.getMethod() + "\n" + request.getRequestURI() + "\n" + key)
                        .getBytes(StandardCharsets.UTF_8));
        Boolean first = redis.opsForValue().setIfAbsent(redisKey, write(StoredResponse.pending(bodyHash)), IN_FLIGHT);
        if (!Boolean.TRUE.equals(first)) {
            replay(redisKey, bodyHash, response);
            return;
        }
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        boolean kept = false;
        try {
            chain.doFilter(new CachedBodyRequest(request, body), captured);
            if (captured.getStatus() < 500) {
                redis.opsForValue()
                        .set(
                                redisKey,
                                write(new StoredResponse(
                                        bodyHash,
                                        false,
                                        captured.getStatus(),
                                        captured.getContentType(),
                                        captured.getHeader(HttpHeaders.LOCATION),
                                        new String(captured.getContentAsByteArray(), StandardCharsets.UTF_8))),
                                KEEP);
                kept = true;
            }
        } finally {
            if (!kept) {
                redis.delete(redisKey);
            }
            captured.copyBodyToResponse();
        }
    }

    private void replay(String redisKey, String bodyHash, HttpServletResponse response) throws IOException {
        String stored = redis.opsForValue().get(redisKey);
        StoredResponse previous = stored == null ? null : json.readValue(stored, StoredResponse.class);
        if (previous == null || previous.pending()) {
            problems.write(
                    response,
                    CommonError.IDEMPOTENCY_IN_PROGRESS,
                    "A request with this Idempotency-Key is still being processed");
            return;
        }
        if (!previous.bodyHash().equals(bodyHash)) {
            problems.write(
                    response,
                    CommonError.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used with a different request body");
            return;
        }
        response.setStatus(previous.status());
        response.setHeader("Idempotent-Replayed", "true");
        if (previous.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, previous.location());
        }
        if (previous.contentType() != null) {
            response.setContentType(previous.contentType());
        }
        response.getOutputStream().write(previous.body().getBytes(StandardCharsets.UTF_8));
    }

    private static String caller(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof AuthenticatedAccount account
                ? account.accountId().value()
                : "anonymous@" + request.getRemoteAddr();
    }

    private String write(StoredResponse response) throws JsonProcessingException {
        return json.writeValueAsString(response);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    record StoredResponse(
            String bodyHash, boolean pending, int status, String contentType, String location, String body) {

        static StoredResponse pending(String bodyHash) {
            return new StoredResponse(bodyHash, true, 0, null, null, null);
        }
    }

    private static final class CachedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }
            };
        }
    }
}
