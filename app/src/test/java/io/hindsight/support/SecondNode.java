package io.hindsight.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Another Hindsight instance on the shared test context's PostgreSQL and Redis, with its JWT secret, so
 * it starts nothing embedded and accepts the same tokens: a second node of one deployment.
 */
public final class SecondNode {

    private SecondNode() {}

    public static StandaloneApp start(Environment shared, String... extraProperties) {
        try {
            return startIn(Files.createTempDirectory("hindsight-second-node"), shared, extraProperties);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A second node on its own data directory, kept across its restarts (its evidence key, its last checkpoint). */
    public static StandaloneApp startIn(Path dataDirectory, Environment shared, String... extraProperties) {
        Map<String, String> properties = byName(sharedProperties(shared));
        properties.putAll(byName(List.of(extraProperties)));
        return StandaloneApp.start(
                dataDirectory,
                properties.entrySet().stream()
                        .map(property -> property.getKey() + "=" + property.getValue())
                        .toArray(String[]::new));
    }

    /**
     * What makes another node one of this deployment ({@code name=value}): the shared servers and JWT secret, and
     * every Hindsight setting the test context is tuned with. A node running deadlines with the production defaults retried a
     * refused payment cancellation five minutes later instead of a second, and a test waiting for it timed out.
     */
    public static List<String> sharedProperties(Environment shared) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (shared instanceof ConfigurableEnvironment configurable
                && configurable
                                .getPropertySources()
                                .get(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME)
                        instanceof EnumerablePropertySource<?> testTuning) {
            for (String name : testTuning.getPropertyNames()) {
                if (name.startsWith("hindsight.")) {
                    properties.put(name, String.valueOf(testTuning.getProperty(name)));
                }
            }
        }
        for (String name : List.of(
                "spring.datasource.url", "spring.data.redis.host", "spring.data.redis.port", "hindsight.jwt.secret")) {
            properties.put(name, shared.getRequiredProperty(name));
        }
        properties.put("spring.datasource.username", shared.getProperty("spring.datasource.username", ""));
        properties.put("spring.datasource.password", shared.getProperty("spring.datasource.password", ""));
        return properties.entrySet().stream()
                .map(property -> property.getKey() + "=" + property.getValue())
                .toList();
    }

    private static Map<String, String> byName(List<String> properties) {
        Map<String, String> byName = new LinkedHashMap<>();
        for (String property : properties) {
            int equals = property.indexOf('=');
            byName.put(property.substring(0, equals), property.substring(equals + 1));
        }
        return byName;
    }
}
