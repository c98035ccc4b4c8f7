package io.hindsight.platform.embedded;

import java.nio.file.Path;

/** Runs a data directory's embedded servers in a JVM of its own, as an application would, until killed. */
public final class EmbeddedServersProcess {

    static final String READY = "embedded servers ready";

    private EmbeddedServersProcess() {}

    public static void main(String[] arguments) throws InterruptedException {
        EmbeddedServers servers = EmbeddedServers.forDirectory(Path.of(arguments[0]));
        servers.postgresJdbcUrl();
        servers.redisPort();
        System.out.println(READY);
        Thread.currentThread().join(); // until the test kills this JVM
    }
}
