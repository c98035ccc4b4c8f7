package io.hindsight.benchmarks;

import io.hindsight.benchmarks.engine.EngineVariant;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How big and how long one run is. The defaults take about eight minutes on a busy two-core machine; every value can be
 * changed with {@code --name=value}.
 */
public record SuiteSettings(
        Path report,
        Set<String> groups,
        List<Integer> threads,
        List<EngineVariant> engines,
        int warmupSeconds,
        int iterationSeconds,
        int iterations,
        int replayShots,
        int members,
        int seededAccounts,
        int eventsPerSeededAccount,
        String listKeyword) {

    public static final Set<String> ALL_GROUPS = Set.of("engines", "commands", "queries", "replay");

    public static SuiteSettings parse(String... args) {
        Map<String, String> given = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("Expected --name=value, got " + arg);
            }
            given.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        SuiteSettings settings = new SuiteSettings(
                Path.of(given.getOrDefault("report", "benchmarks/target/benchmark-report.md")),
                Set.copyOf(list(given.getOrDefault("only", String.join(",", ALL_GROUPS)))),
                list(given.getOrDefault("threads", "1,8")).stream()
                        .map(Integer::parseInt)
                        .toList(),
                list(given.getOrDefault("engines", "JDBC_PRODUCTION,JPA_PRODUCTION,JDBC_BIGSERIAL")).stream()
                        .map(EngineVariant::valueOf)
                        .toList(),
                Integer.parseInt(given.getOrDefault("warmup-seconds", "40")),
                Integer.parseInt(given.getOrDefault("iteration-seconds", "5")),
                Integer.parseInt(given.getOrDefault("iterations", "2")),
                Integer.parseInt(given.getOrDefault("replay-shots", "3")),
                Integer.parseInt(given.getOrDefault("members", "512")),
                Integer.parseInt(given.getOrDefault("seeded-accounts", "10000")),
                Integer.parseInt(given.getOrDefault("events-per-seeded-account", "5")),
                given.getOrDefault("list-keyword", "member 7"));
        given.keySet()
                .removeAll(Set.of(
                        "report",
                        "only",
                        "threads",
                        "engines",
                        "warmup-seconds",
                        "iteration-seconds",
                        "iterations",
                        "replay-shots",
                        "members",
                        "seeded-accounts",
                        "events-per-seeded-account",
                        "list-keyword"));
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("Unknown settings: " + given.keySet());
        }
        if (!ALL_GROUPS.containsAll(settings.groups())) {
            throw new IllegalArgumentException("--only takes " + ALL_GROUPS + ", got " + settings.groups());
        }
        return settings;
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toList());
    }

    public boolean runs(String group) {
        return groups.contains(group);
    }

    /** The command line that reproduces this run. */
    public String commandLine() {
        return "benchmarks/run.sh --threads=" + join(threads) + " --engines=" + join(engines)
                + " --warmup-seconds=" + warmupSeconds + " --iteration-seconds=" + iterationSeconds
                + " --iterations=" + iterations + " --replay-shots=" + replayShots + " --members=" + members
                + " --seeded-accounts=" + seededAccounts + " --events-per-seeded-account=" + eventsPerSeededAccount
                + " --list-keyword='" + listKeyword + "'"
                + (groups.equals(ALL_GROUPS) ? "" : " --only=" + String.join(",", groups));
    }

    private static String join(List<?> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
