package io.hindsight.platform.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hindsight.common.AuthenticatedAccount;
import io.hindsight.common.CommonError;
import io.hindsight.platform.security.TokenIssuingEndpoints;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} on writes: the first request with a key runs and its response is kept for a
 * day; a repeat with the same method, path and body gets that response again without running; a repeat with
 * another body or to another operation, or while the first is still running, is a 409. Keys are per caller.
 * The records live in
 * PostgreSQL ({@link IdempotencyRecords}); Redis holds finished responses too, so that a repeat is usually
 * answered from there, but it is only a cache: without it a repeat is answered from PostgreSQL.
 */
@Component
@Order(0)
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);
    static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    static final Duration KEEP = Duration.ofHours(24);
    private static final Duration IN_FLIGHT = Duration.ofMinutes(2);
    /** Well within a claim's time: a release retried later would find nothing of its own to drop anyway. */
    private static final Duration RELEASE_RETRIES_FOR = IN_FLIGHT.dividedBy(2);

    private final IdempotencyRecords records;
    private final StringRedisTemplate redis;
    private final ObjectMapper json;
    private final Problems problems;
    private final Map<Claim, Instant> unreleased = new ConcurrentHashMap<>();
    private final Map<Claim, Unkept> unkept = new ConcurrentHashMap<>();
    private final Clock clock;

    public IdempotencyFilter(
            IdempotencyRecords records, StringRedisTemplate redis, ObjectMapper json, Problems problems, Clock clock) {
        this.records = records;
        this.redis = redis;
        this.json = json;
        this.problems = problems;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getHeader(HEADER) == null
                || !WRITES.contains(request.getMethod())
                || TokenIssuingEndpoints.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key.isBlank() || key.length() > 200) {
            problems.write(
                    request, response, CommonError.VALIDATION_FAILED, "Idempotency-Key must be 1 to 200 characters");
            return;
        }
        // this filter keys the request by the first, a handler reading the header may see them all joined
        if (RepeatedHeaders.sentTwice(request, HEADER)) {
            problems.write(request, response, CommonError.VALIDATION_FAILED, "Send one Idempotency-Key");
            return;
        }
        boolean multipart = isMultipart(request);
        byte[] body;
        try {
            body = multipart ? partsOf(request) : request.getInputStream().readAllBytes();
        } catch (IllegalStateException | ServletException unreadableParts) {
            // a part over the size limit or a body that is no multipart: the handler's own answer (413, 400) is what
            // the client gets, and nothing is kept
            chain.doFilter(request, response);
            return;
        }
        // a key names one request of its caller: its method and path (as decoded, so that %64eposits is deposits) are
        // part of what a repeat must match, so the same key sent to another operation is a reuse, not a new request
        byte[] operation =
                (request.getMethod() + "\n" + RequestPaths.routed(request) + "\n").getBytes(StandardCharsets.UTF_8);
        BodyHashes bodyHash = new BodyHashes(
                sha256(concat(
                        operation, multipart ? body : IdempotentBodies.comparable(request.getContentType(), body))),
                sha256(concat(operation, body)));
        String keyHash = sha256((caller(request) + "\n" + key).getBytes(StandardCharsets.UTF_8));
        RedisCache cache =
                new RedisCache(keyHash, account().orElse(null), multipart ? null : keyBeforeUpgrade(request, key));
        Optional<StoredResponse> cached = cache.get();
        if (cached.isPresent() && stillHeld(keyHash)) {
            answer(cached.get(), bodyHash, request, response);
            return;
        }
        Optional<StoredResponse> keptBeforeUpgrade = cache.keptBeforeUpgrade();
        if (keptBeforeUpgrade.isPresent()) {
            String bytesHash = sha256(body);
            answer(keptBeforeUpgrade.get(), new BodyHashes(bytesHash, bytesHash), request, response);
            return;
        }
        // the claim's end, to the microsecond PostgreSQL keeps, names this claim when it is released
        Claim claim = new Claim(keyHash, clock.instant().plus(IN_FLIGHT).truncatedTo(ChronoUnit.MICROS));
        try {
            if (!records.claim(keyHash, bodyHash.comparable(), account().orElse(null), claim.until())) {
                answer(records.find(keyHash).orElse(null), bodyHash, request, response);
                return;
            }
        } catch (DataAccessException unavailable) {
            log.warn("Idempotency records unavailable: {}", unavailable.toString());
            // a statement the database did not answer may still commit once it is back: the claim would then hold
            // the key for its two minutes with nobody to release it
            releaseLater(claim);
            problems.write(request, response, CommonError.DEPENDENCY_UNAVAILABLE, "Try again shortly");
            return;
        }
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        boolean kept = false;
        try {
            // a multipart request's parts are parsed and kept by the server, so the handler reads them again
            chain.doFilter(multipart ? request : new CachedBodyRequest(request, body), captured);
            if (isTheRequestsAnswer(captured)) {
                StoredResponse finished = new StoredResponse(
                        bodyHash.comparable(),
                        false,
                        captured.getStatus(),
                        captured.getContentType(),
                        captured.getHeader(HttpHeaders.LOCATION),
                        captured.getContentAsByteArray(),
                        clock.instant().plus(KEEP));
                kept = keep(claim, finished);
                if (kept) {
                    cache.put(finished);
                }
            }
        } finally {
            if (!kept) {
                release(claim);
            }
            captured.copyBodyToResponse();
        }
    }

    /**
     * Whether an answer is what the request came to, to be given to every repeat: not a failure on our side (5xx), and
     * not a refusal that tells the client when to try again ({@code Retry-After}: a 429 of a locked-out password
     * change). Kept, such a refusal was replayed for a day to the very retry it asked for, and without its
     * {@code Retry-After}.
     */
    private static boolean isTheRequestsAnswer(HttpServletResponse answer) {
        return answer.getStatus() < 500
                && answer.getHeader(HttpHeaders.RETRY_AFTER) == null
                // a body of a type the endpoint does not take was never read: like a refused Accept (406), nothing of
                // the request was looked at, and the retry with its Content-Type fixed is sent the same bytes
                && answer.getStatus() != HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE;
    }

    /**
     * Whether PostgreSQL, the record the Redis copy was made from, still holds the key. Every copy is made after its
     * claim committed there, so one PostgreSQL lacks is from a history it no longer has: restored from a backup older
     * than Redis, it lost the request with its record, and replaying the copy would answer a write the store does not
     * hold as done (a deposit the wallet lacks). The request then runs as a new one. Asked only on a repeat; with
     * PostgreSQL away the copy is answered, as before.
     */
    private boolean stillHeld(String keyHash) {
        try {
            if (records.holds(keyHash)) {
                return true;
            }
            log.warn("Redis kept a response to an Idempotency-Key that PostgreSQL does not hold (PostgreSQL restored"
                    + " from a backup older than Redis?): the request runs again");
            return false;
        } catch (DataAccessException unavailable) {
            return true;
        }
    }

    /**
     * Keeps a finished response; false if the request's claim ran out meanwhile and another took the key. If
     * PostgreSQL fails right now the client still gets the response, Redis keeps it, and it is kept in PostgreSQL
     * once it is back: left as a claim, it ran out in two minutes and was deleted, and a repeat after that, answered
     * from Redis only while PostgreSQL holds the key, would have run again.
     */
    private boolean keep(Claim claim, StoredResponse finished) {
        try {
            return records.complete(claim.keyHash(), claim.until(), finished, KEEP);
        } catch (DataAccessException unavailable) {
            log.warn("Could not keep the response to an idempotent request, retrying: {}", unavailable.toString());
            unkept.putIfAbsent(claim, new Unkept(finished, clock.instant().plus(RELEASE_RETRIES_FOR)));
            return true;
        }
    }

    private void release(Claim claim) {
        try {
            records.release(claim.keyHash(), claim.until());
        } catch (DataAccessException unavailable) {
            log.warn("Could not release an idempotency key, retrying: {}", unavailable.toString());
            releaseLater(claim);
        }
    }

    private void releaseLater(Claim claim) {
        unreleased.putIfAbsent(claim, clock.instant().plus(RELEASE_RETRIES_FOR));
    }

    /**
     * Releases the claims of requests that failed while PostgreSQL was away: they stayed, and a client retrying as
     * the 503's {@code Retry-After} asks was answered "in progress" until the claim ran out two minutes later. Each
     * release drops only its own claim, so a later request's claim on the same key is never touched; one is tried
     * every second until it dropped its claim or its minute is over. Responses PostgreSQL could not keep are kept the
     * same way, each against its own claim.
     */
    @Scheduled(fixedDelay = 1000, initialDelay = 1000)
    void retryReleases() {
        Instant now = clock.instant();
        for (Map.Entry<Claim, Instant> waiting : unreleased.entrySet()) {
            Claim claim = waiting.getKey();
            if (now.isAfter(waiting.getValue())) {
                unreleased.remove(claim);
                continue;
            }
            try {
                // nothing to drop may mean a claim still on its way: the database, back, runs it after this
                if (records.release(claim.keyHash(), claim.until())) {
                    unreleased.remove(claim);
                }
            } catch (DataAccessException stillUnavailable) {
                return;
            }
        }
        for (Map.Entry<Claim, Unkept> waiting : unkept.entrySet()) {
            Claim claim = waiting.getKey();
            if (now.isAfter(waiting.getValue().giveUpAt())) {
                unkept.remove(claim);
                continue;
            }
            try {
                records.complete(
                        claim.keyHash(), claim.until(), waiting.getValue().response(), KEEP);
                unkept.remove(claim);
            } catch (DataAccessException stillUnavailable) {
                return;
            }
        }
    }

    /** One request's claim on a key: the key and the instant the claim runs out. */
    private record Claim(String keyHash, Instant until) {}

    /** A finished response PostgreSQL could not keep when it was answered, tried again until {@code giveUpAt}. */
    private record Unkept(StoredResponse response, Instant giveUpAt) {}

    /**
     * A body's hash as compared ({@link IdempotentBodies}) and as sent: records kept before bodies were compared as
     * JSON hold the hash of the bytes, and a repeat of those bytes within their day is still the same request.
     */
    private record BodyHashes(String comparable, String sent) {

        boolean match(String kept) {
            return comparable.equals(kept) || sent.equals(kept);
        }
    }

    private void answer(
            StoredResponse previous, BodyHashes bodyHash, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (previous == null || previous.pending()) {
            problems.write(
                    request,
                    response,
                    CommonError.IDEMPOTENCY_IN_PROGRESS,
                    "A request with this Idempotency-Key is still being processed");
            return;
        }
        if (!bodyHash.match(previous.bodyHash())) {
            problems.write(
                    request,
                    response,
                    CommonError.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used with a different request (another body, or another operation)");
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
        if (previous.body() != null) {
            response.getOutputStream().write(previous.body());
        }
    }

    private static String caller(HttpServletRequest request) {
        return account().orElse("anonymous@" + request.getRemoteAddr());
    }

    private static Optional<String> account() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof AuthenticatedAccount account
                ? Optional.of(account.accountId().value())
                : Optional.empty();
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    /**
     * What a multipart body says, without its boundary: a client sends a new boundary with every retry, so the raw
     * bytes of one upload sent twice differ. Reading the raw body here had also left nothing for the upload itself.
     */
    private static byte[] partsOf(HttpServletRequest request) throws IOException, ServletException {
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        for (Part part : request.getParts()) {
            for (String header : new String[] {part.getName(), part.getSubmittedFileName(), part.getContentType()}) {
                said.write(String.valueOf(header).getBytes(StandardCharsets.UTF_8));
                said.write(0);
            }
            try (InputStream content = part.getInputStream()) {
                said.write(sha256(content.readAllBytes()).getBytes(StandardCharsets.US_ASCII));
            }
            said.write(0);
        }
        return said.toByteArray();
    }

    private static byte[] concat(byte[] head, byte[] body) {
        byte[] whole = new byte[head.length + body.length];
        System.arraycopy(head, 0, whole, 0, head.length);
        System.arraycopy(body, 0, whole, head.length, body.length);
        return whole;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A response to a request with an Idempotency-Key; pending while that request runs. */
    record StoredResponse(
            String bodyHash,
            boolean pending,
            int status,
            String contentType,
            String location,
            byte[] body,
            Instant expiresAt) {}

    /** A response as the release of 2026-12-01 kept it in Redis (see {@link #keyBeforeUpgrade}). */
    private record LegacyResponse(
            String bodyHash, boolean pending, int status, String contentType, String location, String body) {}

    /**
     * Where the release of 2026-12-01 kept a response: in Redis alone, for a day, under the hash of caller, method, raw
     * path and key, with the hash of the body's bytes and the body as text. Without a look there a request retried
     * across the upgrade ran a second time (a deposit applied twice). Such records are gone a day after the upgrade,
     * and the look can go with them in a later release.
     */
    private static String keyBeforeUpgrade(HttpServletRequest request, String idempotencyKey) {
        return IdempotencyRecords.cacheKey(sha256(
                (caller(request) + "\n" + request.getMethod() + "\n" + request.getRequestURI() + "\n" + idempotencyKey)
                        .getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Finished responses in Redis, a cache in front of PostgreSQL, read in one round trip with the key the release
     * before the upgrade used. A Redis failure is not the request's: after the first one this request leaves Redis
     * alone, so it waits for it at most once.
     */
    private final class RedisCache {
        private final String keyHash;
        private final String key;
        private final String accountId;
        private final String keyBeforeUpgrade;
        private String storedBeforeUpgrade;
        private boolean unavailable;

        RedisCache(String keyHash, String accountId, String keyBeforeUpgrade) {
            this.keyHash = keyHash;
            this.key = IdempotencyRecords.cacheKey(keyHash);
            this.accountId = accountId;
            this.keyBeforeUpgrade = keyBeforeUpgrade;
        }

        Optional<StoredResponse> get() {
            try {
                List<String> stored = redis.opsForValue()
                        .multiGet(keyBeforeUpgrade == null ? List.of(key) : List.of(key, keyBeforeUpgrade));
                if (stored == null) {
                    return Optional.empty();
                }
                storedBeforeUpgrade = stored.size() > 1 ? stored.get(1) : null;
                return stored.get(0) == null
                        ? Optional.empty()
                        : Optional.of(json.readValue(stored.get(0), StoredResponse.class));
            } catch (RuntimeException | IOException e) {
                unavailable = true;
                return Optional.empty();
            }
        }

        /** The response the release before the upgrade kept, as read by {@link #get()}. */
        Optional<StoredResponse> keptBeforeUpgrade() {
            if (storedBeforeUpgrade == null) {
                return Optional.empty();
            }
            try {
                LegacyResponse kept = json.readValue(storedBeforeUpgrade, LegacyResponse.class);
                return Optional.of(new StoredResponse(
                        kept.bodyHash(),
                        kept.pending(),
                        kept.status(),
                        kept.contentType(),
                        kept.location(),
                        kept.body() == null ? null : kept.body().getBytes(StandardCharsets.UTF_8),
                        null));
            } catch (IOException unreadable) {
                return Optional.empty();
            }
        }

        void put(StoredResponse finished) {
            if (unavailable) {
                return;
            }
            try {
                records.copy(keyHash, accountId, json.writeValueAsString(finished), KEEP);
            } catch (RuntimeException | JsonProcessingException e) {
                log.debug("Could not cache an idempotent response: {}", e.toString());
            }
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
