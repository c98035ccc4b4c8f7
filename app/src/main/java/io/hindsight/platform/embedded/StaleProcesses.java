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
 * directory. Their pid files tell who they are; they are asked to stop before a new server starts - only a
 * process that serves this very directory. A pid file travels with a copied data directory (a backup taken
 * while the node ran, a directory copied for a second node), and a pid is reused after a reboot: the pid alone
 * had stopped the PostgreSQL of the node still running on the original directory.
 */
final class StaleProcesses {

    private static final Logger log = LoggerFactory.getLogger(StaleProcesses.class);

    private StaleProcesses() {}

    static void stop(Path pidFile, String expectedCommand) {
        Path directory = pidFile.toAbsolutePath().getParent();
        readPid(pidFile)
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(p ->
                        p.info().command().map(c -> c.contains(expectedCommand)).orElse(false))
                .ifPresent(process -> {
                    if (!serves(process, directory)) {
                        log.warn(
                                "{} names {} (pid {}), which does not serve {}: left running",
                                pidFile,
                                expectedCommand,
                                process.pid(),
                                directory);
                        return;
                    }
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

    /**
     * Whether the process works in {@code directory}: PostgreSQL and Redis both make their data directory their
     * working directory (where {@code /proc} tells it), and PostgreSQL names it on its command line (elsewhere).
     */
    static boolean serves(ProcessHandle process, Path directory) {
        Path expected = realPath(directory);
        Path workingDirectory = Path.of("/proc", Long.toString(process.pid()), "cwd");
        try {
            if (Files.exists(workingDirectory)) {
                return workingDirectory.toRealPath().equals(expected);
            }
        } catch (IOException | SecurityException unreadable) {
            // another user's process, or one that just ended: asked by its command line below
        }
        return process.info()
                .commandLine()
                .map(line -> line.contains(directory.toString()) || line.contains(expected.toString()))
                .orElse(false);
    }

    private static Path realPath(Path directory) {
        try {
            return directory.toRealPath();
        } catch (IOException missing) {
            return directory.toAbsolutePath().normalize();
        }
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
