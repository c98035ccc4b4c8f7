package io.hindsight.support;

import static org.awaitility.Awaitility.await;

import io.hindsight.HindsightApplication;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.ContextRefreshedEvent;

/** The whole application in a JVM of its own, as an operator runs it, until it is killed. */
public final class HindsightProcess {

    public static final String READY = "hindsight ready on port ";

    private HindsightProcess() {}

    /**
     * A system property: how many milliseconds the application goes on serving once told to stop, before its web
     * server stops taking requests - as a node drains behind a load balancer, or waits for its live streams.
     */
    public static final String SERVES_ON_AFTER_STOP_MILLIS = "hindsight.test.serves-on-after-stop-millis";

    /**
     * A system property: when {@code true}, the start never ends - the main thread waits for good once the context is
     * refreshed, as a start that hangs on something does - after printing {@link #START_HELD}.
     */
    public static final String HOLD_START = "hindsight.test.hold-start";

    public static final String START_HELD = "hindsight start held";

    public static void main(String[] arguments) {
        SpringApplicationBuilder application = new SpringApplicationBuilder(HindsightApplication.class);
        if (Boolean.getBoolean(HOLD_START)) {
            application.listeners((ApplicationListener<ContextRefreshedEvent>) event -> holdForGood());
        }
        long servesOn = Long.getLong(SERVES_ON_AFTER_STOP_MILLIS, 0);
        if (servesOn > 0) {
            // ContextClosedEvent comes before the lifecycle stops: the web server still takes requests meanwhile
            application.listeners((ApplicationListener<ApplicationEvent>) event -> {
                if (event instanceof ContextClosedEvent) {
                    try {
                        Thread.sleep(servesOn);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
        }
        ConfigurableApplicationContext context = application.run(arguments);
        System.out.println(
                READY + ((WebServerApplicationContext) context).getWebServer().getPort());
    }

    private static void holdForGood() {
        System.out.println(START_HELD);
        CountDownLatch never = new CountDownLatch(1);
        while (true) {
            try {
                never.await();
            } catch (InterruptedException ignored) {
                // a start that hangs does not end when interrupted either
            }
        }
    }

    /**
     * The arguments of a node of its own on {@code dataDirectory} (its embedded PostgreSQL and Redis there) on a free
     * port, with the test bootstrap ADMIN unless {@code extraProperties} ({@code name=value}) name another.
     */
    public static List<String> nodeArguments(Path dataDirectory, String... extraProperties) {
        List<String> arguments = new ArrayList<>(List.of("--hindsight.data-dir=" + dataDirectory, "--server.port=0"));
        if (Arrays.stream(extraProperties).noneMatch(p -> p.startsWith("hindsight.bootstrap-admin."))) {
            arguments.add("--hindsight.bootstrap-admin.email=" + IntegrationTest.ADMIN_EMAIL);
            arguments.add("--hindsight.bootstrap-admin.password=" + IntegrationTest.ADMIN_PASSWORD);
        }
        Arrays.stream(extraProperties).map(p -> "--" + p).forEach(arguments::add);
        return arguments;
    }

    /** Starts a node of its own on {@code dataDirectory} (see {@link #nodeArguments}) in a JVM of its own. */
    public static Process launchNode(Path output, Path dataDirectory, String... extraProperties) throws IOException {
        return launch(output, nodeArguments(dataDirectory, extraProperties));
    }

    /** Where a test sends the output of the node on {@code dataDirectory}: beside it, so it outlives a restart. */
    public static Path outputBeside(Path dataDirectory) {
        return dataDirectory.resolveSibling(dataDirectory.getFileName() + ".out");
    }

    /** Starts the application in a JVM of its own with these arguments, its output going to {@code output}. */
    public static Process launch(Path output, List<String> arguments) throws IOException {
        return launch(output, List.of(), arguments);
    }

    /** As {@link #launch(Path, List)}, with options for the JVM ({@code -D...}). */
    public static Process launch(Path output, List<String> jvmOptions, List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-XX:TieredStopAtLevel=1"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), HindsightProcess.class.getName()));
        command.addAll(arguments);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
    }

    /** An access token of the test bootstrap ADMIN of the node listening on {@code port}. */
    public static String adminToken(int port) {
        return RestAssured.given()
                .port(port)
                .contentType(ContentType.JSON)
                .body(Map.of("email", IntegrationTest.ADMIN_EMAIL, "password", IntegrationTest.ADMIN_PASSWORD))
                .post("/api/auth/login")
                .then()
                .statusCode(200)
                .extract()
                .path("accessToken");
    }

    /** Waits until a launched application is ready and returns its port. */
    public static int awaitPort(Path output) {
        awaitOutput(output, READY);
        try {
            String log = Files.readString(output);
            int at = log.indexOf(READY) + READY.length();
            return Integer.parseInt(
                    log.substring(at).lines().findFirst().orElseThrow().trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until a launched application has printed {@code text}. */
    public static void awaitOutput(Path output, String text) {
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> Files.exists(output) && Files.readString(output).contains(text));
    }
}
