package io.hindsight.platform.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
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
            if (embedPostgres) {
                properties.put("spring.datasource.url", servers.postgresJdbcUrl());
                properties.put("spring.datasource.username", "postgres");
                properties.put("spring.datasource.password", "");
            }
            if (embedRedis) {
                properties.put("spring.data.redis.host", "127.0.0.1");
                properties.put("spring.data.redis.port", servers.redisPort());
            }
            AutoCloseable usage = servers.use();
            application.addInitializers(context -> stopWith(context, usage));
        }
        if (!StringUtils.hasText(environment.getProperty("hindsight.jwt.secret"))) {
            properties.put("hindsight.jwt.secret", generatedSecret(dataDirectory));
        }
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, properties));
    }

    private static void stopWith(ConfigurableApplicationContext context, AutoCloseable usage) {
        // Registered before any other bean, so destroyed after all of them (the pools close first).
        ((DefaultListableBeanFactory) context.getBeanFactory())
                .registerDisposableBean("embeddedServersUsage", (DisposableBean) usage::close);
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
