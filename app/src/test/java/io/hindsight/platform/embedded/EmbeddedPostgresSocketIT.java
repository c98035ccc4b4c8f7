package io.hindsight.platform.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node reaches its embedded PostgreSQL through a Unix-domain socket in the data directory, and over loopback TCP
 * when the data directory is too deep for a socket's path.
 */
class EmbeddedPostgresSocketIT {

    @TempDir
    Path temporary;

    @Test
    void connectsThroughASocketInItsDataDirectory() throws Exception {
        Path dataDirectory = temporary.resolve("data");

        Connected connected = connect(dataDirectory);

        assertThat(connected.clientAddress())
                .as("the address PostgreSQL sees: none over a socket")
                .isNull();
        assertThat(connected.dataDirectoryFiles()).anyMatch(name -> name.matches("\\.s\\.PGSQL\\.\\d+"));
    }

    @Test
    void connectsOverLoopbackWhenTheDataDirectoryIsTooDeepForASocket() throws Exception {
        Path dataDirectory = temporary.resolve("d".repeat(60)).resolve("e".repeat(60));

        assertThat(connect(dataDirectory).clientAddress()).isEqualTo("127.0.0.1");
    }

    private record Connected(String clientAddress, List<String> dataDirectoryFiles) {}

    private static Connected connect(Path dataDirectory) throws Exception {
        EmbeddedServers servers = EmbeddedServers.forDirectory(dataDirectory);
        String jdbcUrl = servers.postgresJdbcUrl();
        try (AutoCloseable usage = servers.use();
                Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
                ResultSet row = connection.createStatement().executeQuery("SELECT host(inet_client_addr())")) {
            row.next();
            try (Stream<Path> files = Files.list(dataDirectory.resolve("postgres"))) {
                return new Connected(
                        row.getString(1),
                        files.map(file -> file.getFileName().toString()).toList());
            }
        }
    }
}
