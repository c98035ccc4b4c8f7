package io.hindsight.support;

import io.hindsight.HindsightApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** A separate Hindsight instance on its own data directory, started and stopped by the test itself. */
public final class StandaloneApp implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private StandaloneApp(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts it with the test bootstrap ADMIN unless {@code extraProperties} name another. */
    public static StandaloneApp start(Path dataDirectory, String... extraProperties) {
        List<String> arguments = new ArrayList<>(List.of("--hindsight.data-dir=" + dataDirectory, "--server.port=0"));
        if (Arrays.stream(extraProperties).noneMatch(p -> p.startsWith("hindsight.bootstrap-admin."))) {
            arguments.add("--hindsight.bootstrap-admin.email=" + IntegrationTest.ADMIN_EMAIL);
            arguments.add("--hindsight.bootstrap-admin.password=" + IntegrationTest.ADMIN_PASSWORD);
        }
        Arrays.stream(extraProperties).map(p -> "--" + p).forEach(arguments::add);
        ConfigurableApplicationContext context =
                new SpringApplicationBuilder(HindsightApplication.class).run(arguments.toArray(String[]::new));
        return new StandaloneApp(context);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Override
    public void close() {
        context.close();
    }
}
