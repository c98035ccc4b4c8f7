package io.hindsight.platform.security;

import io.hindsight.account.token.RevocationReads;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.data.redis.RedisConnectionDetails;
import org.springframework.boot.autoconfigure.data.redis.RedisProperties;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The revocation check's reads over a pool of blocking Jedis connections, on the request's own thread: a write and
 * a read on its socket, where Lettuce's shared connection woke its event loop, parked the request's thread and woke
 * it again. Measured on two cores: +10 % {@code GET /api/me} at eight clients, +28 % at one (docs/benchmarks.md).
 *
 * <p>Same server, credentials and timeouts as the application's Redis client. A Redis behind Sentinel, a cluster or
 * TLS keeps the shared client for these reads too.
 */
@Component
class BlockingRevocationReads implements RevocationReads, DisposableBean {

    static final String CLIENT_NAME = "hindsight-revocation-reads";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    private final JedisPool pool;
    private final StringRedisTemplate shared;

    BlockingRevocationReads(
            RedisConnectionDetails server,
            RedisProperties properties,
            StringRedisTemplate shared,
            @Value("${server.tomcat.threads.max:200}") int requestThreads) {
        this.shared = shared;
        RedisConnectionDetails.Standalone standalone = server.getStandalone();
        if (server.getSentinel() != null
                || server.getCluster() != null
                || standalone == null
                || standalone.getSslBundle() != null
                || properties.getSsl().isEnabled()) {
            this.pool = null;
            return;
        }
        JedisPoolConfig connections = new JedisPoolConfig();
        // one connection per thread that may check at once (request threads, event streams), kept while idle
        connections.setMaxTotal(requestThreads + 16);
        connections.setMaxIdle(requestThreads + 16);
        connections.setMaxWait(orDefault(properties.getConnectTimeout()));
        this.pool = new JedisPool(
                connections,
                new HostAndPort(standalone.getHost(), standalone.getPort()),
                DefaultJedisClientConfig.builder()
                        .connectionTimeoutMillis(
                                (int) orDefault(properties.getConnectTimeout()).toMillis())
                        .socketTimeoutMillis(
                                (int) orDefault(properties.getTimeout()).toMillis())
                        .user(server.getUsername())
                        .password(server.getPassword())
                        .database(standalone.getDatabase())
                        .clientName(CLIENT_NAME)
                        .build());
    }

    @Override
    public List<String> values(List<String> keys) {
        if (pool == null) {
            return shared.opsForValue().multiGet(keys);
        }
        try {
            return read(keys);
        } catch (JedisConnectionException closed) {
            if (timedOut(closed)) {
                throw failure(closed);
            }
            // Redis closed the pooled connections (it restarted): the others are as stale, one fresh try
            pool.clear();
            try {
                return read(keys);
            } catch (JedisException again) {
                throw failure(again);
            }
        } catch (JedisException failed) {
            throw failure(failed);
        }
    }

    private List<String> read(List<String> keys) {
        try (Jedis redis = pool.getResource()) {
            return redis.mget(keys.toArray(String[]::new));
        }
    }

    private static boolean timedOut(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** As Spring Data Redis reports it: the caller fails closed on any {@code DataAccessException}. */
    private static RuntimeException failure(JedisException failure) {
        if (failure instanceof JedisDataException refused) {
            return new RedisSystemException("Redis refused the revocation read", refused);
        }
        return new RedisConnectionFailureException("Redis did not answer the revocation read", failure);
    }

    private static Duration orDefault(Duration timeout) {
        return timeout != null ? timeout : DEFAULT_TIMEOUT;
    }

    @Override
    public void destroy() {
        if (pool != null) {
            pool.close();
        }
    }
}
