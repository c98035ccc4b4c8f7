package io.hindsight.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.env.Environment;

/**
 * Another Hindsight instance on the shared test context's PostgreSQL and Redis, with its JWT secret, so
 * it starts nothing embedded and accepts the same tokens: a second node of one deployment.
 */
public final class SecondNode {

    private SecondNode() {}

    public static StandaloneApp start(Environment shared, String... extraProperties) {
        List<String> properties = new ArrayList<>(sharedProperties(shared));
        properties.addAll(List.of(extraProperties));
        try {
            return StandaloneApp.start(
                    Files.createTempDirectory("hindsight-second-node"), properties.toArray(String[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What makes another node one of this deployment: the shared servers and JWT secret ({@code name=value}). */
    public static List<String> sharedProperties(Environment shared) {
        return List.of(
                "spring.datasource.url=" + shared.getRequiredProperty("spring.datasource.url"),
                "spring.datasource.username=" + shared.getProperty("spring.datasource.username", ""),
                "spring.datasource.password=" + shared.getProperty("spring.datasource.password", ""),
                "spring.data.redis.host=" + shared.getRequiredProperty("spring.data.redis.host"),
                "spring.data.redis.port=" + shared.getRequiredProperty("spring.data.redis.port"),
                "hindsight.jwt.secret=" + shared.getRequiredProperty("hindsight.jwt.secret"),
                "hindsight.projections.token-claim-interval=PT1S");
    }
}
