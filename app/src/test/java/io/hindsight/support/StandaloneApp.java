package io.hindsight.support;

import io.hindsight.HindsightApplication;
import java.nio.file.Path;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** A separate Hindsight instance on its own data directory, started and stopped by the test itself. */
public final class StandaloneApp implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private StandaloneApp(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static StandaloneApp start(Path dataDirectory, String... extraProperties) {
        String[] arguments = new String[extraProperties.length + 4];
        arguments[0] = "--hindsight.data-dir=" + dataDirectory;
        arguments[1] = "--server.port=0";
        arguments[2] = "--hindsight.bootstrap-admin.email=" + IntegrationTest.ADMIN_EMAIL;
        arguments[3] = "--hindsight.bootstrap-admin.password=" + IntegrationTest.ADMIN_PASSWORD;
        for (int i = 0; i < extraProperties.length; i++) {
            arguments[4 + i] = "--" + extraProperties[i];
        }
        ConfigurableApplicationContext context =
                new SpringApplicationBuilder(HindsightApplication.class).run(arguments);
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
