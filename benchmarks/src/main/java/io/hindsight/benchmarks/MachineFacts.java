package io.hindsight.benchmarks;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the numbers were measured on: hardware, JDK, PostgreSQL and its durability settings. */
public record MachineFacts(
        String cpu,
        int cores,
        String memory,
        String disk,
        String os,
        String jdk,
        String postgres,
        Map<String, String> postgresSettings) {

    private static final List<String> SETTINGS = List.of(
            "fsync", "synchronous_commit", "full_page_writes", "wal_sync_method", "shared_buffers", "max_connections");

    public static MachineFacts collect(String jdbcUrl, Path dataDirectory) throws SQLException, IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        String version;
        try (Connection connection = Database.connect(jdbcUrl);
                Statement statement = connection.createStatement()) {
            try (ResultSet row = statement.executeQuery("SELECT version()")) {
                row.next();
                version = row.getString(1);
            }
            for (String setting : SETTINGS) {
                try (ResultSet row = statement.executeQuery("SHOW " + setting)) {
                    row.next();
                    settings.put(setting, row.getString(1));
                }
            }
        }
        return new MachineFacts(
                procValue("/proc/cpuinfo", "model name").orElse(System.getProperty("os.arch")),
                Runtime.getRuntime().availableProcessors(),
                procValue("/proc/meminfo", "MemTotal")
                        .map(MachineFacts::gibibytes)
                        .orElse("unknown"),
                disk(dataDirectory),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                version,
                settings);
    }

    /** The 1, 5 and 15 minute load averages: how busy the shared machine was. */
    public static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " / " + fields[1] + " / " + fields[2];
        } catch (IOException | RuntimeException unavailable) {
            return "unknown";
        }
    }

    private static Optional<String> procValue(String file, String key) {
        try {
            return Files.readAllLines(Path.of(file)).stream()
                    .filter(line -> line.startsWith(key))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst();
        } catch (IOException | RuntimeException unavailable) {
            return Optional.empty();
        }
    }

    private static String gibibytes(String memTotal) {
        long kib = Long.parseLong(memTotal.replace("kB", "").trim());
        return String.format("%.1f GiB", kib / 1024.0 / 1024.0);
    }

    private static String disk(Path directory) throws IOException {
        FileStore store = Files.getFileStore(directory);
        String device = store.name();
        String description = device + " (" + store.type() + ", " + store.getTotalSpace() / (1L << 30) + " GiB)";
        String block = device.substring(device.lastIndexOf('/') + 1);
        Path rotational = Path.of("/sys/block", block, "queue", "rotational");
        if (Files.isReadable(rotational)) {
            description += Files.readString(rotational).trim().equals("0") ? ", non-rotational" : ", rotational";
        }
        return description;
    }
}
