package io.hindsight.platform.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * The zero-configuration default: with no database, Redis or JWT secret configured, start an embedded
 * PostgreSQL and Redis with their data under {@code hindsight.data-dir} and keep a generated JWT secret
 * there. Anything configured explicitly is used as it is and nothing is started for it.
 */
public class EmbeddedInfrastructure implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE_NAME = "hindsightEmbeddedInfrastructure";
    private static final Duration CLOSING_CONTEXT_WAIT = Duration.ofSeconds(30);

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Path dataDirectory = Path.of(environment.getProperty("hindsight.data-dir", "./data"));
        Map<String, Object> properties = new HashMap<>();
        boolean embedPostgres = !StringUtils.hasText(environment.getProperty("spring.datasource.url"))
                && environment.getProperty("hindsight.embedded.postgres", Boolean.class, true);
        boolean embedRedis = !StringUtils.hasText(environment.getProperty("spring.data.redis.url"))
                && !StringUtils.hasText(environment.getProperty("spring.data.redis.host"))
                && environment.getProperty("hindsight.embedded.redis", Boolean.class, true);
        if (embedPostgres || embedRedis) {
            EmbeddedServers servers = EmbeddedServers.forDirectory(dataDirectory);
            AutoCloseable usage = servers.use();
            AtomicReference<ConfigurableApplicationContext> user = new AtomicReference<>();
            // Normally the context's close stops the servers, after everything that uses them. Boot runs its shutdown
            // handlers once the contexts are closed, and also when it gave up a start it was stopped in (SIGTERM or
            // Ctrl-C while starting): without this, PostgreSQL and Redis went on running after the JVM ended.
            Runnable stopAtExit = () -> releaseOnceClosed(usage, user.get());
            SpringApplication.getShutdownHandlers().add(stopAtExit);
            try {
                if (embedPostgres) {
                    properties.put("spring.datasource.url", servers.postgresJdbcUrl());
                    properties.put("spring.datasource.username", "postgres");
                    properties.put("spring.datasource.password", "");
                }
                if (embedRedis) {
                    properties.put("spring.data.redis.host", "127.0.0.1");
                    properties.put("spring.data.redis.port", servers.redisPort());
                }
            } catch (RuntimeException startFailed) {
                release(usage, stopAtExit);
                throw startFailed;
            }
            application.addInitializers(context -> {
                user.set(context);
                stopWith(context, () -> release(usage, stopAtExit));
            });
        }
        if (!StringUtils.hasText(environment.getProperty("hindsight.jwt.secret"))) {
            properties.put("hindsight.jwt.secret", generatedSecret(dataDirectory));
        }
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, properties));
    }

    /**
     * A context that another shutdown hook is still closing (a test framework closes its contexts with hooks of
     * its own) is waited for; one that was never created, or whose start was given up, is not active.
     */
    private static void releaseOnceClosed(AutoCloseable usage, ConfigurableApplicationContext context) {
        long deadline = System.nanoTime() + CLOSING_CONTEXT_WAIT.toNanos();
        while (context != null && context.isActive() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        release(usage);
    }

    /** Also forgets the handler, so that a JVM starting many contexts (tests) does not keep every closed one. */
    private static void release(AutoCloseable usage, Runnable stopAtExit) {
        release(usage);
        try {
            SpringApplication.getShutdownHandlers().remove(stopAtExit);
        } catch (IllegalStateException shutdownInProgress) {
            // the JVM is ending: the handler runs and finds the usage ended
        }
    }

    private static void release(AutoCloseable usage) {
        try {
            usage.close();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot stop the embedded servers", e);
        }
    }

    private static void stopWith(ConfigurableApplicationContext context, Runnable release) {
        // Registered before any other bean, so destroyed after all of them (the pools close first).
        ((DefaultListableBeanFactory) context.getBeanFactory())
                .registerDisposableBean("embeddedServersUsage", (DisposableBean) release::run);
    }

    private static String generatedSecret(Path dataDirectory) {
        Path file = dataDirectory.resolve("jwt-secret");
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            Files.createDirectories(dataDirectory);
            byte[] random = new byte[48];
            new SecureRandom().nextBytes(random);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.writeString(file, secret, StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the file keeps the directory's permissions.
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the JWT secret in " + file, e);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
