package io.hindsight.benchmarks.http;

import io.hindsight.benchmarks.Fixture;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.ThreadParams;

/** Reads through the whole application under concurrent clients: a member's own profile, and the ADMIN user search. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class QueryBenchmark {

    Fixture fixture;

    @Setup(Level.Trial)
    public void loadFixture() {
        fixture = Fixture.load();
    }

    /** A client reading the profiles of its own members in turn. */
    @State(Scope.Thread)
    public static class ProfileReader {

        private Http http;
        private List<HttpRequest> requests;
        private int next;

        @Setup(Level.Trial)
        public void connect(QueryBenchmark benchmark, ThreadParams thread) {
            http = new Http(benchmark.fixture.baseUri());
            requests = benchmark.fixture.membersOfThread(thread.getThreadIndex(), thread.getThreadCount()).stream()
                    .map(member -> http.get("/api/me", member.accessToken()))
                    .toList();
        }
    }

    /** An ADMIN client searching the user list by keyword (first page of 20). */
    @State(Scope.Thread)
    public static class AdminSearcher {

        private Http http;
        private HttpRequest search;

        @Setup(Level.Trial)
        public void connect(QueryBenchmark benchmark) {
            http = new Http(benchmark.fixture.baseUri());
            search = http.get(
                    "/api/admin/users?keyword="
                            + URLEncoder.encode(benchmark.fixture.listKeyword(), StandardCharsets.UTF_8),
                    benchmark.fixture.adminToken());
        }
    }

    @Benchmark
    public int getMe(ProfileReader reader) {
        return reader.http.exchange(reader.requests.get(reader.next++ % reader.requests.size()), 200).length;
    }

    @Benchmark
    public int searchUsers(AdminSearcher searcher) {
        return searcher.http.exchange(searcher.search, 200).length;
    }
}
