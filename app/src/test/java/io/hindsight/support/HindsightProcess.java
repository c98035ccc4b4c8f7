package io.hindsight.support;

import static org.awaitility.Awaitility.await;

import io.hindsight.HindsightApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The whole application in a JVM of its own, as an operator runs it, until it is killed. */
public final class HindsightProcess {

    public static final String READY = "hindsight ready on port ";

    private HindsightProcess() {}

    public static void main(String[] arguments) {
        ConfigurableApplicationContext context =
                new SpringApplicationBuilder(HindsightApplication.class).run(arguments);
        System.out.println(
                READY + ((WebServerApplicationContext) context).getWebServer().getPort());
    }

    /** Starts the application in a JVM of its own with these arguments, its output going to {@code output}. */
    public static Process launch(Path output, List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                HindsightProcess.class.getName()));
        command.addAll(arguments);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
    }

    /** Waits until a launched application is ready and returns its port. */
    public static int awaitPort(Path output) {
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> Files.exists(output) && Files.readString(output).contains(READY));
        try {
            String log = Files.readString(output);
            int at = log.indexOf(READY) + READY.length();
            return Integer.parseInt(
                    log.substring(at).lines().findFirst().orElseThrow().trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
