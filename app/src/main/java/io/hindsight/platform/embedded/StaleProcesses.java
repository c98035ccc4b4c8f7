package io.hindsight.platform.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After the application was killed (kill -9), its embedded servers live on as orphans holding the data
 * directory. Their pid files tell who they are; they are asked to stop before a new server starts.
 */
final class StaleProcesses {

    private static final Logger log = LoggerFactory.getLogger(StaleProcesses.class);

    private StaleProcesses() {}

    static void stop(Path pidFile, String expectedCommand) {
        readPid(pidFile)
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(p ->
                        p.info().command().map(c -> c.contains(expectedCommand)).orElse(false))
                .ifPresent(process -> {
                    log.warn(
                            "Stopping orphaned {} (pid {}) left over from an earlier run",
                            expectedCommand,
                            process.pid());
                    process.destroy();
                    try {
                        process.onExit().get(30, TimeUnit.SECONDS);
                    } catch (Exception notStopped) {
                        process.destroyForcibly();
                    }
                });
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty()
                    ? Optional.empty()
                    : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException unreadable) {
            return Optional.empty();
        }
    }
}
