package io.hindsight.platform.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hindsight.HindsightApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class UnknownNodeRoleRefusalTest {

    private final UnknownNodeRoleRefusal refusal = new UnknownNodeRoleRefusal();

    @ParameterizedTest
    @ValueSource(strings = {"command", "query", "command,query", "Query, COMMAND", "command,", " query "})
    void canStartWithTheRolesThereAre(String roles) {
        refusal.postProcessEnvironment(environmentWith(roles), null);
    }

    @Test
    void canStartWithTheDefaultRolesWhenNoneAreSet() {
        refusal.postProcessEnvironment(new StandardEnvironment(), null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"comand", "command,qurey", "commander", "reads", "command;query", "all"})
    void cannotStartWithARoleThereIsNot(String roles) {
        assertThatThrownBy(() -> refusal.postProcessEnvironment(environmentWith(roles), null))
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("hindsight.roles")
                .hasMessageContaining(roles);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", ",", " , "})
    void cannotStartWithNoRoleAtAll(String roles) {
        assertThatThrownBy(() -> refusal.postProcessEnvironment(environmentWith(roles), null))
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("at least one role");
    }

    @Test
    void cannotStartAMisspeltNodeNorItsEmbeddedServers(@TempDir Path dataDirectory) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(HindsightApplication.class)
                        .run("--hindsight.roles=comand", "--hindsight.data-dir=" + dataDirectory, "--server.port=0"))
                .isInstanceOf(InvalidConfigurationPropertyValueException.class);

        assertThat(Files.exists(dataDirectory.resolve("postgres"))).isFalse();
    }

    private static StandardEnvironment environmentWith(String roles) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of("hindsight.roles", roles)));
        return environment;
    }
}
