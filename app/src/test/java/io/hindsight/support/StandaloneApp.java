package io.hindsight.support;

import io.hindsight.HindsightApplication;
import java.nio.file.Path;
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
        List<String> arguments = HindsightProcess.nodeArguments(dataDirectory, extraProperties);
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
