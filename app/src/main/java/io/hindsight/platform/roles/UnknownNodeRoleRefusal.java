package io.hindsight.platform.roles;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start a node whose {@code hindsight.roles} names anything but {@code command} and {@code query}:
 * the roles' conditions look for those words, so a misspelt role would start a node that reports itself
 * healthy while it accepts no command and serves no read. Runs before the embedded servers are started.
 */
public class UnknownNodeRoleRefusal implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY = "hindsight.roles";
    private static final Set<String> ROLES = Set.of("command", "query");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String roles = environment.getProperty(PROPERTY);
        if (roles == null) {
            return;
        }
        var named = Arrays.stream(roles.split(",", -1))
                .map(role -> role.strip().toLowerCase(Locale.ROOT))
                .toList();
        if (named.stream().allMatch(String::isEmpty)) {
            throw new InvalidConfigurationPropertyValueException(
                    PROPERTY, roles, "A node needs at least one role: command, query, or both (command,query).");
        }
        named.stream()
                .filter(role -> !role.isEmpty() && !ROLES.contains(role))
                .findFirst()
                .ifPresent(unknown -> {
                    throw new InvalidConfigurationPropertyValueException(
                            PROPERTY,
                            roles,
                            "'" + unknown + "' is not a role; the roles are command and query, comma-separated.");
                });
    }

    @Override
    public int getOrder() {
        // Before EmbeddedInfrastructure (the lowest precedence), after the configuration files are read.
        return Ordered.LOWEST_PRECEDENCE - 1;
    }
}
