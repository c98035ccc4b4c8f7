package io.hindsight.benchmarks;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What the harness prepared in the running application and hands to the forked benchmark JVMs: where the
 * application and its PostgreSQL listen, and the signed-up members with their access tokens.
 */
public record Fixture(URI baseUri, String jdbcUrl, String adminToken, String listKeyword, List<Member> members) {

    public static final String FILE_PROPERTY = "hindsight.bench.fixture";

    /** A benchmark member: its account id and a valid access token. */
    public record Member(String accountId, String accessToken) {}

    /** The fixture of this run, from the file the harness named in {@value #FILE_PROPERTY}. */
    public static Fixture load() {
        String file = System.getProperty(FILE_PROPERTY);
        if (file == null) {
            throw new IllegalStateException("Run the benchmarks through benchmarks/run.sh (BenchmarkSuite): -D"
                    + FILE_PROPERTY + " is not set");
        }
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(file))) {
            p.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int count = Integer.parseInt(p.getProperty("members"));
        List<Member> members = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            members.add(new Member(p.getProperty("member." + i + ".id"), p.getProperty("member." + i + ".token")));
        }
        return new Fixture(
                URI.create(p.getProperty("base-uri")),
                p.getProperty("jdbc-url"),
                p.getProperty("admin-token"),
                p.getProperty("list-keyword"),
                List.copyOf(members));
    }

    public Path writeTo(Path file) {
        Properties p = new Properties();
        p.setProperty("base-uri", baseUri.toString());
        p.setProperty("jdbc-url", jdbcUrl);
        p.setProperty("admin-token", adminToken);
        p.setProperty("list-keyword", listKeyword);
        p.setProperty("members", Integer.toString(members.size()));
        for (int i = 0; i < members.size(); i++) {
            p.setProperty("member." + i + ".id", members.get(i).accountId());
            p.setProperty("member." + i + ".token", members.get(i).accessToken());
        }
        try (Writer writer = Files.newBufferedWriter(file)) {
            p.store(writer, "Hindsight benchmark fixture");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A JDBC URL to the same PostgreSQL database whose unqualified names resolve in {@code schema}. */
    public String jdbcUrlInSchema(String schema) {
        return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** The members a benchmark thread drives: every {@code threadCount}-th one, starting at its index. */
    public List<Member> membersOfThread(int threadIndex, int threadCount) {
        List<Member> own = new ArrayList<>();
        for (int i = threadIndex; i < members.size(); i += threadCount) {
            own.add(members.get(i));
        }
        if (own.isEmpty()) {
            throw new IllegalStateException(
                    "More benchmark threads than members: " + threadCount + " > " + members.size());
        }
        return own;
    }
}
