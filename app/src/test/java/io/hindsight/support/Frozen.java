package io.hindsight.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An embedded server stopped with SIGSTOP - the server and every process it forked - as a network partition
 * or a stuck disk looks to its clients: connections stay open and nothing answers. Closing it sends SIGCONT.
 */
public final class Frozen implements AutoCloseable {

    private final ProcessHandle server;

    private Frozen(ProcessHandle server) {
        this.server = server;
        signal("-STOP", List.of(server)); // first, so it forks nothing new
        signal("-STOP", server.descendants().toList());
    }

    /** The PostgreSQL of a data directory, found through its {@code postmaster.pid}. */
    public static Frozen postgres(Path dataDirectory) {
        return new Frozen(pidIn(dataDirectory.resolve("postgres/postmaster.pid")));
    }

    /** The Redis of a data directory, found through its {@code redis.pid}. */
    public static Frozen redis(Path dataDirectory) {
        return new Frozen(pidIn(dataDirectory.resolve("redis/redis.pid")));
    }

    /** The data directory of the application every {@link IntegrationTest} shares. */
    public static Path sharedDataDirectory() {
        return Path.of(System.getProperty("hindsight.data-dir"));
    }

    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>(server.descendants().toList());
        all.add(server);
        signal("-CONT", all);
    }

    private static ProcessHandle pidIn(Path pidFile) {
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("No process " + pid));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void signal(String signal, List<ProcessHandle> processes) {
        if (processes.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("kill", signal));
        processes.forEach(p -> command.add(Long.toString(p.pid())));
        try {
            Process kill = new ProcessBuilder(command).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Could not send " + signal + " to " + command);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
