package io.hindsight.benchmarks;

import java.net.URI;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real Hindsight application in this JVM, started like the integration tests' StandaloneApp: its own data
 * directory, so it runs its embedded PostgreSQL (fsync and synchronous commit on) and Redis exactly as a user's
 * instance does, on loopback ports. Only what a benchmark needs differs from the defaults: a bootstrap ADMIN,
 * no sign-up rate limit, access tokens that outlive the run, quiet logs.
 */
public final class InProcessApp implements AutoCloseable {

    public static final String ADMIN_EMAIL = "bench-admin@hindsight.test";
    public static final String ADMIN_PASSWORD = "bench-admin-password";
    private static final String APPLICATION_CLASS = "io.hindsight.HindsightApplication";

    private static volatile InProcessApp current;

    private final ConfigurableApplicationContext context;

    private InProcessApp(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static InProcessApp start(Path dataDirectory) {
        Class<?> application;
        try {
            application = Class.forName(APPLICATION_CLASS);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(
                    APPLICATION_CLASS + " is not on the class path: add app/target/classes (see run.sh)", e);
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .run(
                        "--hindsight.data-dir=" + dataDirectory,
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--hindsight.bootstrap-admin.email=" + ADMIN_EMAIL,
                        "--hindsight.bootstrap-admin.password=" + ADMIN_PASSWORD,
                        "--hindsight.rate-limit.auth.capacity=1000000",
                        "--hindsight.jwt.access-token-ttl=PT6H",
                        "--spring.main.banner-mode=off",
                        "--logging.level.root=WARN");
        current = new InProcessApp(context);
        return current;
    }

    /** The application this JVM started; benchmarks that run in-process (no fork) reach it here. */
    public static InProcessApp current() {
        InProcessApp app = current;
        if (app == null) {
            throw new IllegalStateException(
                    "No application runs in this JVM: in-process benchmarks run from BenchmarkSuite");
        }
        return app;
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:"
                + ((WebServerApplicationContext) context).getWebServer().getPort() + "/");
    }

    /** The JDBC URL of the embedded PostgreSQL the application started. */
    public String jdbcUrl() {
        return context.getEnvironment().getRequiredProperty("spring.datasource.url");
    }

    public DataSource dataSource() {
        return context.getBean(DataSource.class);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public <T> T bean(String name, Class<T> type) {
        return context.getBean(name, type);
    }

    public StreamingEventProcessor streamingProcessor(String name) {
        return context.getBean(Configuration.class)
                .eventProcessingConfiguration()
                .eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("No streaming event processor " + name));
    }

    @Override
    public void close() {
        current = null;
        context.close();
    }
}
