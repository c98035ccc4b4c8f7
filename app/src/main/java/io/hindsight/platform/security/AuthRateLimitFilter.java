package io.hindsight.platform.security;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.hindsight.common.CommonError;
import io.hindsight.platform.web.Problems;
import io.hindsight.platform.web.RequestPaths;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.resource.ClientResources;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.data.redis.RedisProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Token buckets in Redis, shared by all nodes, limiting how often one client address may call the
 * credential endpoints and link a social identity; beyond the limit the answer is 429 with {@code Retry-After}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
@EnableConfigurationProperties(RateLimitProperties.class)
public class AuthRateLimitFilter extends OncePerRequestFilter implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AuthRateLimitFilter.class);

    private final RedisClient client;
    private final ExpirationAfterWriteStrategy expiry;
    /** Connected on first use: Bucket4j connects as it is built, and a Redis slow to answer then failed the node's start. */
    private volatile ProxyManager<byte[]> buckets;

    private final BucketConfiguration limit;
    private final String keyPrefix;
    private final Problems problems;

    public AuthRateLimitFilter(
            RedisProperties redis, ClientResources resources, RateLimitProperties properties, Problems problems) {
        RedisURI.Builder uri = RedisURI.builder()
                .withHost(redis.getHost())
                .withPort(redis.getPort())
                .withTimeout(Duration.ofSeconds(2));
        if (redis.getPassword() != null) {
            uri.withPassword(redis.getPassword().toCharArray());
        }
        // Boot's resources: this client reconnects as the application's own does
        this.client = RedisClient.create(resources, uri.build());
        this.expiry = ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(properties.period());
        this.limit = BucketConfiguration.builder()
                .addLimit(
                        l -> l.capacity(properties.capacity()).refillGreedy(properties.capacity(), properties.period()))
                .build();
        // a bucket keeps the capacity it was made with: buckets of another limit are others, so a changed limit applies
        this.keyPrefix = "hs:ratelimit:auth:" + properties.capacity() + "/"
                + properties.period().toMillis() + ":";
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !TokenIssuingEndpoints.matches(request) && !linksSocialIdentity(request);
    }

    /**
     * Linking a provider asks the provider about the token as a social log-in does; unlimited, one member spent the
     * deployment's calls to the provider (and its quota there) as fast as it could send them.
     */
    private static boolean linksSocialIdentity(HttpServletRequest request) {
        return "POST".equalsIgnoreCase(request.getMethod())
                && RequestPaths.routed(request).startsWith("/api/me/social/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ConsumptionProbe probe;
        try {
            byte[] key = (keyPrefix + request.getRemoteAddr()).getBytes(StandardCharsets.UTF_8);
            probe = buckets().builder().build(key, () -> limit).tryConsumeAndReturnRemaining(1);
        } catch (RuntimeException unavailable) {
            log.warn("Rate limiter unavailable, refusing the request: {}", unavailable.toString());
            problems.write(request, response, CommonError.DEPENDENCY_UNAVAILABLE, "Try again shortly");
            return;
        }
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()));
            response.setHeader("Retry-After", Long.toString(seconds));
            problems.write(
                    request,
                    response,
                    CommonError.RATE_LIMITED,
                    "Too many attempts from your address; retry in " + seconds + "s");
            return;
        }
        response.setHeader("X-RateLimit-Remaining", Long.toString(probe.getRemainingTokens()));
        chain.doFilter(request, response);
    }

    private ProxyManager<byte[]> buckets() {
        ProxyManager<byte[]> connected = buckets;
        if (connected == null) {
            synchronized (this) {
                if (buckets == null) {
                    buckets = Bucket4jLettuce.casBasedBuilder(client)
                            .expirationAfterWrite(expiry)
                            .build();
                }
                connected = buckets;
            }
        }
        return connected;
    }

    @Override
    public void destroy() {
        client.shutdown();
    }
}
