package io.hindsight.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.Projections;
import io.hindsight.support.SecondNode;
import io.hindsight.support.StandaloneApp;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Analysts read the feed page after page, resume it from cursors they saved, or tail it live and reconnect with
 * {@code Last-Event-ID}, and must see every committed event exactly once and in position order while writers on two
 * nodes commit concurrently: a transaction that took a lower position and committed after a reader passed it is the
 * classic way such a feed loses events. Six writers (profile changes, wallet deposits, snack registrations and
 * reactions, each tagged with its own correlation id) send each write to this node or a second node at random; the
 * second node (started for this test, {@code hindsight.roles=command,query}) serves the feed too, and the readers
 * resume what one node served on the other: a pager with random page sizes (on this node only), a pager that stops
 * and resumes from a saved cursor on the other node than the one it stopped on, crossing between pages too (an older
 * cursor too, and then must read again exactly what it read there before), the live tail dropped at random and
 * resumed with {@code Last-Event-ID} on the other node each time, a pager crossing nodes at random and a tail
 * alternating them, both filtered by type, and a pager that starts at {@code /api/events/head} asked of one node and
 * reads on the other. When the writers stop and the readers reach the head, each reader must have seen exactly the
 * events the store holds in its range, in order, once; a full read on either node must be the store's events, and
 * hold every write's events and none of a refused one, each aggregate's sequences without a hole; and no projection
 * may lag or park anything. The seed
 * is printed; {@code -Dfeed.seed=} repeats the writers' and readers' choices (not the threads' interleaving), {@code
 * -Dfeed.writeSeconds=} sets how long the writers write (15 s).
 */
class FeedOracleIT extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final int WRITERS = 6;
    private static final Duration CATCH_UP_WITHIN = Duration.ofSeconds(60);
    private static final Set<String> FILTERED_TYPES = Set.of("ProfileChanged", "SnackReacted");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Environment environment;

    @Autowired
    EventProcessingConfiguration processing;

    /**
     * The second node of the deployment, for this test only: it takes commands and serves queries (the feed among
     * them), so readers resume on it what they read on this node and back. The shared second node is a command node
     * only (a query node would claim projection segments for the rest of the run), so it could not serve the feed.
     */
    private StandaloneApp secondNode;

    /** One event as a reader saw it. */
    record Seen(
            long position,
            String aggregateId,
            long sequence,
            String type,
            String actorId,
            String correlationId,
            String name) {

        String identity() {
            return position + " " + aggregateId + "#" + sequence + " " + type;
        }
    }

    /** One event as the store holds it. */
    record Stored(long position, String aggregateId, long sequence, String type) {

        String identity() {
            return position + " " + aggregateId + "#" + sequence + " " + type;
        }
    }

    /** A write a writer made, what it should have left in the feed, and how it was answered. */
    record Write(
            String correlationId,
            String kind,
            String node,
            String actorId,
            String aggregateId,
            String type,
            String name,
            int status) {

        boolean applied() {
            return status / 100 == 2;
        }
    }

    /** The moment the writers stopped: where the feed ended then. Readers run until they are past it. */
    private volatile long finalHead = Long.MAX_VALUE;

    /** What the store held up to the final head, once it is known. */
    private volatile List<Stored> storedUpToHead;

    @Test
    void everyReaderSeesEveryCommittedEventOnceAndInOrderWhileTwoNodesWrite() throws Exception {
        Set<String> ownersBefore = segmentOwners();
        try (StandaloneApp second = SecondNode.start(environment, "hindsight.roles=command,query")) {
            secondNode = second;
            readWhileTwoNodesWrite();
        } finally {
            secondNode = null;
        }
        // the second node held half of every projection's segments: they are claimed again by the nodes that held
        // them before, so that no read of a later test waits on a segment no node processes
        await().atMost(CATCH_UP_WITHIN)
                .untilAsserted(() -> assertThat(segmentOwners())
                        .as("owners of the segments once the second node stopped")
                        .doesNotContain("none")
                        .isSubsetOf(ownersBefore));
    }

    /** The owners of the segments of the processors this node runs ({@code none} for an unclaimed one). */
    private Set<String> segmentOwners() {
        Set<String> running = processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(EventProcessor::getName)
                .collect(Collectors.toSet());
        return jdbc.sql("SELECT processor_name, owner FROM token_entry").query().listOfRows().stream()
                .filter(row -> running.contains((String) row.get("processor_name")))
                .map(row -> row.get("owner") == null ? "none" : (String) row.get("owner"))
                .collect(Collectors.toSet());
    }

    private void readWhileTwoNodesWrite() throws Exception {
        long seed = Long.getLong("feed.seed", System.nanoTime());
        Duration writeFor = Duration.ofSeconds(Long.getLong("feed.writeSeconds", 15));
        System.out.println("FeedOracleIT seed: " + seed + " (repeat with -Dfeed.seed=" + seed + ")");
        Random seeds = new Random(seed);
        Member admin = api.admin();
        Projections.awaitAllCaughtUp(admin);
        long deadLettersBefore = Projections.deadLetters(admin);
        Member reader = api.withRoles("Feed Oracle Reader", "AUDITOR");
        Member tailer = api.withRoles("Feed Oracle Tail", "AUDITOR");

        long start = head(admin, port);
        assertThat(head(admin, secondNode.port()))
                .as("the head on the second node, asked after this node's")
                .isGreaterThanOrEqualTo(start);
        List<Member> members = new ArrayList<>();
        List<String> snacks = new ArrayList<>();
        Member shared = api.signUp("Feed Shared Writer");
        for (int i = 0; i < WRITERS; i++) {
            Member member = api.signUp("Feed Writer " + i);
            api.withWallet(member, 0);
            members.add(member);
            snacks.add(member.registersSnack("Feed oracle snack"));
        }

        List<Write> writes = new CopyOnWriteArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newCachedThreadPool(work -> {
            Thread thread = new Thread(work, "feed-oracle");
            thread.setDaemon(true);
            return thread;
        });
        long writeUntil = System.nanoTime() + writeFor.toNanos();
        List<Future<?>> writers = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            Writer writer = new Writer(i, members.get(i), shared, snacks, new Random(seeds.nextLong()), seed, writes);
            writers.add(threads.submit(() -> {
                go.await();
                writer.writeUntil(writeUntil);
                return null;
            }));
        }
        // the pager stays on this node; every other reader crosses to the second node and back as it reads
        Pager pager = new Pager("pager", reader, new Random(seeds.nextLong()), start, Set.of(), 0);
        ResumingPager resuming = new ResumingPager(reader, new Random(seeds.nextLong()), start);
        Pager filtered = new Pager("filtered pager", reader, new Random(seeds.nextLong()), start, FILTERED_TYPES, 2);
        Tail tail = new Tail("tail", tailer, new Random(seeds.nextLong()), start, Set.of());
        Tail filteredTail = new Tail(
                "filtered tail",
                api.withRoles("Feed Oracle Filtered Tail", "AUDITOR"),
                new Random(seeds.nextLong()),
                start,
                FILTERED_TYPES);
        HeadPager fromHead = new HeadPager(reader, new Random(seeds.nextLong()), writes, writeFor);
        Map<String, Future<?>> readers = new LinkedHashMap<>();
        for (Reader r : List.of(pager, resuming, filtered, tail, filteredTail, fromHead)) {
            readers.put(r.name(), threads.submit(() -> {
                go.await();
                r.read();
                return null;
            }));
        }
        go.countDown();
        try {
            for (Future<?> writer : writers) {
                writer.get(writeFor.toSeconds() + 60, TimeUnit.SECONDS);
            }
            finalHead = head(admin, port);
            List<Stored> stored = storedBetween(start, finalHead);
            storedUpToHead = stored;
            for (Map.Entry<String, Future<?>> r : readers.entrySet()) {
                try {
                    r.getValue().get(CATCH_UP_WITHIN.toSeconds(), TimeUnit.SECONDS);
                } catch (TimeoutException stuck) {
                    fail(r.getKey() + " did not reach the head " + finalHead + " within " + CATCH_UP_WITHIN);
                }
            }

            System.out.println("FeedOracleIT writes: "
                    + writes.stream()
                            .collect(Collectors.groupingBy(
                                    w -> w.kind() + "@" + w.node() + ":" + w.status(),
                                    TreeMap::new,
                                    Collectors.counting())));
            System.out.println("FeedOracleIT events " + stored.size() + " in (" + start + ", " + finalHead + "]; "
                    + pager.stats() + "; " + resuming.stats() + "; " + filtered.stats() + "; " + tail.stats()
                    + "; " + filteredTail.stats() + "; " + fromHead.stats());

            List<Seen> fullRead = readAll(admin, port, start, finalHead);
            assertThat(identities(fullRead, Seen::identity))
                    .as("a full read of the feed against the store")
                    .containsExactlyElementsOf(identities(stored, Stored::identity));
            assertThat(identities(readAll(admin, secondNode.port(), start, finalHead), Seen::identity))
                    .as("a full read of the feed on the second node against the store")
                    .containsExactlyElementsOf(identities(stored, Stored::identity));
            assertEveryWriteIsThere(writes, fullRead, start);

            pager.assertSawExactly(stored);
            resuming.assertSawExactly(stored);
            tail.assertSawExactly(stored);
            List<Stored> ofFilteredTypes = stored.stream()
                    .filter(event -> FILTERED_TYPES.contains(event.type()))
                    .toList();
            filtered.assertSawExactly(ofFilteredTypes);
            filteredTail.assertSawExactly(ofFilteredTypes);
            fromHead.assertSawExactly(stored.stream()
                    .filter(event -> event.position() > fromHead.startedAt)
                    .toList());
            fromHead.assertHeadCoveredWhatWasWrittenBefore(fullRead);

            Projections.awaitAllCaughtUp(admin, CATCH_UP_WITHIN);
            assertThat(Projections.deadLetters(admin))
                    .as("events parked while the feed was read")
                    .isEqualTo(deadLettersBefore);
        } catch (AssertionError | RuntimeException e) {
            System.out.println("FeedOracleIT failed (seed " + seed + ")");
            throw e;
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void hostileCursorsAreRefusedAtOnceWithAProblemAndACode() throws Exception {
        Member auditor = api.withRoles("Feed Hostile Auditor", "AUDITOR");
        long head = head(auditor, port);
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("after=-1", "VALIDATION_FAILED");
        pages.put("after=-9223372036854775808", "VALIDATION_FAILED");
        pages.put("after=" + (head + 1_000_000), "VALIDATION_FAILED");
        pages.put("after=9223372036854775807", "VALIDATION_FAILED");
        pages.put("after=99999999999999999999", "VALIDATION_FAILED");
        pages.put("after=abc", "MALFORMED_REQUEST");
        pages.put("after=1.5", "MALFORMED_REQUEST");
        pages.put("after=0x10", "MALFORMED_REQUEST");
        pages.put("after=1e3", "MALFORMED_REQUEST");
        pages.put("after=%D9%A1", "MALFORMED_REQUEST");
        pages.put("after=%201", "MALFORMED_REQUEST");
        pages.put("after=%00", "INVALID_TEXT");
        pages.put("after=1&after=2", "VALIDATION_FAILED");
        pages.put("limit=0", "VALIDATION_FAILED");
        pages.put("limit=-5", "VALIDATION_FAILED");
        pages.put("limit=1001", "LIMIT_TOO_LARGE");
        pages.put("limit=ten", "MALFORMED_REQUEST");
        pages.put("types=NoSuchEvent", "VALIDATION_FAILED");
        for (Map.Entry<String, String> hostile : pages.entrySet()) {
            assertRefused(auditor, "application/json", hostile.getKey(), null, hostile.getValue());
        }
        // a tail takes the same cursors, and one in Last-Event-ID wins over after=
        for (String query : List.of("after=abc", "after=-1", "after=" + (head + 1_000_000), "types=NoSuchEvent")) {
            assertRefused(auditor, "text/event-stream", query, null, pages.get(query));
        }
        for (String lastEventId : List.of(
                "garbage",
                "12abc",
                "-1",
                "1.0",
                "0x10",
                Long.toString(head + 1_000_000),
                "9223372036854775807",
                "99999999999999999999",
                "-9223372036854775808")) {
            assertRefused(auditor, "text/event-stream", "after=" + head, lastEventId, "VALIDATION_FAILED");
        }
        // the cursors a client may hold: the head itself, and an empty parameter (not given)
        auditor.request().queryParam("after", head).get("/api/events").then().statusCode(200);
        auditor.request().get("/api/events?after=&limit=1").then().statusCode(200);
    }

    /**
     * Asks with a client that gives up after a few seconds, so that a cursor wrongly taken (a stream that opens, a
     * page that waits) fails the test instead of holding it.
     */
    private void assertRefused(Member member, String accept, String query, String lastEventId, String code)
            throws Exception {
        String what = accept + " ?" + query + (lastEventId == null ? "" : " Last-Event-ID: " + lastEventId);
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/events?" + query))
                .header("Accept", accept)
                .header("Authorization", "Bearer " + member.accessToken())
                .header("X-Forwarded-For", randomClientAddress())
                .timeout(Duration.ofSeconds(5));
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> response =
                HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            assertThat(response.statusCode()).as(what).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type"))
                    .as(what)
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            JsonNode problem = JSON.readTree(body);
            assertThat(problem.path("code").asText()).as(what + ": " + problem).isEqualTo(code);
            assertThat(problem.path("status").asInt()).as(what).isEqualTo(400);
        }
    }

    // ---------------------------------------------------------------- writers

    /** Writes one of several kinds of event at a time, each to one of the two nodes, until the time is up. */
    private final class Writer {
        private final int number;
        private final Member member;
        private final Member shared;
        private final List<String> snacks;
        private final Random random;
        private final long seed;
        private final List<Write> writes;
        private final Map<String, String> reactions = new LinkedHashMap<>();

        Writer(
                int number,
                Member member,
                Member shared,
                List<String> snacks,
                Random random,
                long seed,
                List<Write> writes) {
            this.number = number;
            this.member = member;
            this.shared = shared;
            this.snacks = snacks;
            this.random = random;
            this.seed = seed;
            this.writes = writes;
        }

        void writeUntil(long deadline) {
            for (int n = 0; System.nanoTime() < deadline; n++) {
                boolean second = random.nextBoolean();
                String correlationId = "feed-" + Long.toHexString(seed) + "-" + number + "-" + n;
                String node = second ? "second" : "this";
                int kind = random.nextInt(10);
                // every writer changes the shared account now and then, on either node: the same aggregate appended
                // to from two nodes at once, so some appends lose the race and give their positions back
                Member actor = kind < 4 && random.nextInt(3) == 0 ? shared : member;
                RequestSpecification request = actor.request().header("X-Correlation-Id", correlationId);
                if (second) {
                    request = request.port(secondNode.port());
                }
                if (kind < 4) {
                    String name = "Feed Writer " + number + " v" + n;
                    Response response = request.body(Map.of("name", name)).patch("/api/me");
                    record(new Write(
                            correlationId,
                            actor == shared ? "shared profile" : "profile",
                            node,
                            actor.accountId(),
                            actor.accountId(),
                            "ProfileChanged",
                            name,
                            response.statusCode()));
                } else if (kind < 7) {
                    Response response = request.body(Map.of("amount", 1 + random.nextInt(10_000)))
                            .post("/api/wallet/deposits");
                    record(new Write(
                            correlationId,
                            "deposit",
                            node,
                            member.accountId(),
                            null,
                            "FundsTransferred",
                            null,
                            response.statusCode()));
                } else if (kind < 9) {
                    String snack = snacks.get(random.nextInt(snacks.size()));
                    String reaction = "LIKE".equals(reactions.get(snack)) ? "HATE" : "LIKE";
                    Response response =
                            request.body(Map.of("type", reaction)).put("/api/snacks/" + snack + "/reaction");
                    if (response.statusCode() == 200) {
                        reactions.put(snack, reaction);
                    }
                    record(new Write(
                            correlationId,
                            "reaction",
                            node,
                            member.accountId(),
                            null,
                            "SnackReacted",
                            null,
                            response.statusCode()));
                } else {
                    String name = "Feed oracle snack " + Long.toHexString(seed) + " " + number + "-" + n;
                    Response response = request.body(Map.of(
                                    "name", name, "url", "https://shop.example/feed", "price", 1000, "currency", "KRW"))
                            .post("/api/snacks");
                    record(new Write(
                            correlationId,
                            "snack",
                            node,
                            member.accountId(),
                            response.statusCode() == 201 ? response.path("snackId") : null,
                            "SnackRegistered",
                            null,
                            response.statusCode()));
                }
            }
        }

        private void record(Write write) {
            writes.add(write);
            // a refusal that says "retry" leaves nothing behind (checked below); anything else is a failure to report
            assertThat(write.status())
                    .as("%s %s on the %s node", write.kind(), write.correlationId(), write.node())
                    .isIn(200, 201, 409, 503);
        }
    }

    private void assertEveryWriteIsThere(List<Write> writes, List<Seen> fullRead, long start) {
        Map<String, List<Seen>> byCorrelation = fullRead.stream()
                .filter(s -> s.correlationId() != null)
                .collect(Collectors.groupingBy(Seen::correlationId));
        assertThat(writes.stream().filter(Write::applied)).as("writes applied").hasSizeGreaterThan(WRITERS * 5);
        for (Write write : writes) {
            List<Seen> caused = byCorrelation.getOrDefault(write.correlationId(), List.of());
            if (!write.applied()) {
                assertThat(caused)
                        .as("events of %s, refused with %s", write, write.status())
                        .isEmpty();
                continue;
            }
            assertThat(caused).as("events of %s", write).anySatisfy(event -> {
                assertThat(event.type()).isEqualTo(write.type());
                assertThat(event.actorId()).isEqualTo(write.actorId());
                if (write.aggregateId() != null) {
                    assertThat(event.aggregateId()).isEqualTo(write.aggregateId());
                }
                if (write.name() != null) {
                    assertThat(event.name()).isEqualTo(write.name());
                }
            });
        }
        // each account changed exactly as often as its changes were answered, however the nodes interleaved them
        Map<String, Long> profileChanges = writes.stream()
                .filter(w -> w.applied() && w.type().equals("ProfileChanged"))
                .collect(Collectors.groupingBy(Write::aggregateId, Collectors.counting()));
        for (Map.Entry<String, Long> account : profileChanges.entrySet()) {
            assertThat(fullRead.stream()
                            .filter(s -> account.getKey().equals(s.aggregateId())
                                    && s.type().equals("ProfileChanged")))
                    .as("profile changes of %s", account.getKey())
                    .hasSize(account.getValue().intValue());
        }
        // every aggregate's events after the start are a run of its sequence without a hole or a repeat, and those
        // created after the start begin at 0
        Set<String> createdHere = writes.stream()
                .filter(w -> w.applied() && w.aggregateId() != null)
                .map(Write::aggregateId)
                .collect(Collectors.toSet());
        Map<String, List<Long>> sequences = new LinkedHashMap<>();
        fullRead.stream()
                .filter(s -> s.aggregateId() != null)
                .forEach(s -> sequences
                        .computeIfAbsent(s.aggregateId(), a -> new ArrayList<>())
                        .add(s.sequence()));
        for (Map.Entry<String, List<Long>> aggregate : sequences.entrySet()) {
            List<Long> run = aggregate.getValue();
            long first = createdHere.contains(aggregate.getKey()) ? 0 : run.get(0);
            List<Long> contiguous = new ArrayList<>();
            for (long s = first; contiguous.size() < Math.max(run.size(), 1); s++) {
                contiguous.add(s);
            }
            assertThat(run)
                    .as("sequences of %s after position %d", aggregate.getKey(), start)
                    .isEqualTo(contiguous);
        }
    }

    // ---------------------------------------------------------------- readers

    private static void stopWhenInterrupted() throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("the test ended");
        }
    }

    private interface Reader {
        String name();

        void read() throws Exception;
    }

    /** Follows {@code next} with a random page size until it is past the final head. */
    private class Pager implements Reader {
        final String name;
        final Member member;
        final Random random;
        final Set<String> types;
        final List<Seen> seen = new ArrayList<>();
        /** Before each page, crosses to the other node one time in this many; never when 0. */
        final int crossOneIn;

        long cursor;
        boolean onSecond;
        int pages;
        int pagesOnSecond;
        int crossings;
        long waited;
        long slowest;

        Pager(String name, Member member, Random random, long start, Set<String> types, int crossOneIn) {
            this.name = name;
            this.member = member;
            this.random = random;
            this.cursor = start;
            this.types = types;
            this.crossOneIn = crossOneIn;
        }

        void maybeCross() {
            if (crossOneIn > 0 && random.nextInt(crossOneIn) == 0) {
                cross();
            }
        }

        void cross() {
            onSecond = !onSecond;
            crossings++;
        }

        Page nextPage() throws IOException {
            long asked = System.nanoTime();
            Page page = page(member, port(onSecond), cursor, limit(random), types);
            slowest = Math.max(slowest, System.nanoTime() - asked);
            waited += System.nanoTime() - asked;
            pages++;
            if (onSecond) {
                pagesOnSecond++;
            }
            return page;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void read() throws Exception {
            while (cursor < finalHead) {
                stopWhenInterrupted();
                maybeCross();
                Page page = nextPage();
                take(page);
                if (page.items().isEmpty()) {
                    // a poller's pace, not a wait for a condition: an empty page means nothing new yet, and the
                    // oracle wants readers at random paces against the writers, as clients poll
                    Thread.sleep(random.nextInt(20));
                }
            }
        }

        void take(Page page) {
            assertThat(page.next())
                    .as("%s: next after %d on the %s node", name, cursor, onSecond ? "second" : "first")
                    .isGreaterThanOrEqualTo(cursor);
            for (Seen item : page.items()) {
                assertThat(item.position())
                        .as("%s: item after %d", name, cursor)
                        .isGreaterThan(
                                seen.isEmpty()
                                        ? cursor
                                        : seen.get(seen.size() - 1).position());
                seen.add(item);
            }
            if (!page.items().isEmpty()) {
                assertThat(page.next())
                        .as(name)
                        .isGreaterThanOrEqualTo(
                                page.items().get(page.items().size() - 1).position());
            }
            cursor = page.next();
        }

        void assertSawExactly(List<Stored> expected) {
            assertSeenExactly(name, seen, expected);
        }

        String stats() {
            return name + " " + seen.size() + " events in " + pages + " pages, " + pagesOnSecond
                    + " on the second node ("
                    + crossings + " crossings, " + TimeUnit.NANOSECONDS.toMillis(waited) + " ms waited, slowest "
                    + TimeUnit.NANOSECONDS.toMillis(slowest) + " ms)";
        }
    }

    /**
     * Saves cursors as it goes and now and then stops and resumes from one of them, often an older one: what it reads
     * again must be exactly what it read the first time from there, so nothing committed behind a cursor it passed.
     */
    private final class ResumingPager extends Pager {
        private final List<Long> saved = new ArrayList<>();
        private final List<Seen> toReadAgain = new ArrayList<>();
        private int resumes;
        private int readAgain;

        ResumingPager(Member member, Random random, long start) {
            super("resuming pager", member, random, start, Set.of(), 4);
            saved.add(start);
        }

        @Override
        public void read() throws Exception {
            while (cursor < finalHead || !toReadAgain.isEmpty()) {
                stopWhenInterrupted();
                // only while the writers write, so that it surely reaches the head once they stop
                if (finalHead == Long.MAX_VALUE && random.nextInt(5) == 0) {
                    resumeFrom(
                            random.nextBoolean()
                                    ? saved.get(saved.size() - 1)
                                    : saved.get(random.nextInt(saved.size())));
                }
                maybeCross();
                Page page = nextPage();
                List<Seen> fresh = new ArrayList<>();
                for (Seen item : page.items()) {
                    if (!toReadAgain.isEmpty()) {
                        Seen before = toReadAgain.remove(0);
                        assertThat(item.identity())
                                .as(
                                        "%s, reading again from a saved cursor, reads what it read there first (an event"
                                                + " it had not seen then was skipped)",
                                        name)
                                .isEqualTo(before.identity());
                        readAgain++;
                        seen.add(item);
                    } else {
                        fresh.add(item);
                    }
                }
                if (toReadAgain.isEmpty()) {
                    take(new Page(fresh, page.next()));
                } else {
                    cursor = page.next();
                    assertThat(cursor)
                            .as("%s: a page short of what was read before ends before it", name)
                            .isLessThan(toReadAgain.get(0).position());
                }
                if (random.nextInt(3) == 0) {
                    saved.add(cursor);
                }
                if (page.items().isEmpty()) {
                    // a poller's pace, as above
                    Thread.sleep(random.nextInt(20));
                }
            }
        }

        /**
         * Everything read so far, up to the furthest point, splits at the cursor: a cursor was saved once all before it
         * had been read, so a resume to a later one than where a reading-again stands skips nothing.
         */
        private void resumeFrom(long from) {
            resumes++;
            // each resume on the other node than the one it stopped on: a cursor one node gave, taken by the other
            cross();
            List<Seen> read = new ArrayList<>(seen);
            read.addAll(toReadAgain);
            seen.clear();
            toReadAgain.clear();
            read.forEach(item -> (item.position() <= from ? seen : toReadAgain).add(item));
            cursor = from;
        }

        @Override
        String stats() {
            return super.stats() + " (" + resumes + " resumes, " + readAgain + " events read again)";
        }
    }

    /** Starts at {@code /api/events/head} midway through the writes; the head covers every write answered before. */
    private final class HeadPager extends Pager {
        private final List<Write> writes;
        private final Duration writeFor;
        private Set<String> answeredBeforeHead = Set.of();
        long startedAt;

        HeadPager(Member member, Random random, List<Write> writes, Duration writeFor) {
            super("pager from the head", member, random, 0, Set.of(), 3);
            this.writes = writes;
            this.writeFor = writeFor;
        }

        @Override
        public void read() throws Exception {
            // starts at a random moment while the writers write, so the head it reads lies amid commits in flight
            Thread.sleep(writeFor.toMillis() / 4 + random.nextInt((int) (writeFor.toMillis() / 2)));
            answeredBeforeHead = writes.stream()
                    .filter(Write::applied)
                    .map(Write::correlationId)
                    .collect(Collectors.toSet());
            // the head asked of one node, the pages from it read on the other
            boolean headOnSecond = random.nextBoolean();
            startedAt = head(member, port(headOnSecond));
            onSecond = !headOnSecond;
            cursor = startedAt;
            super.read();
        }

        /** Its first page is read on the other node than the head's; it crosses at random after that. */
        @Override
        void maybeCross() {
            if (pages > 0) {
                super.maybeCross();
            }
        }

        void assertHeadCoveredWhatWasWrittenBefore(List<Seen> fullRead) {
            assertThat(answeredBeforeHead)
                    .as("writes answered before the head was asked")
                    .isNotEmpty();
            assertThat(fullRead.stream().filter(s -> answeredBeforeHead.contains(s.correlationId())))
                    .as("events of writes answered before /api/events/head answered %d", startedAt)
                    .allSatisfy(s -> assertThat(s.position()).isLessThanOrEqualTo(startedAt));
        }
    }

    /**
     * The live tail, dropped at random (after some events or some time) and resumed with {@code Last-Event-ID}, at
     * times with a stale {@code after} beside it (the header wins), at times with {@code after} alone.
     */
    private final class Tail implements Reader {
        private final String name;
        private final Set<String> types;
        private final Member member;
        private final Random random;
        private final List<Seen> seen = new ArrayList<>();
        private final long start;
        private long lastId;
        private boolean onSecond;
        private int connections;
        private int connectionsOnSecond;
        private int refusedBusy;

        Tail(String name, Member member, Random random, long start, Set<String> types) {
            this.name = name;
            this.types = types;
            this.member = member;
            this.random = random;
            this.start = start;
            this.lastId = start;
        }

        @Override
        public String name() {
            return name;
        }

        /** The last event up to the final head that this tail is to see; none before that head is known. */
        private long lastToSee() {
            List<Stored> stored = storedUpToHead;
            if (stored == null) {
                return Long.MAX_VALUE;
            }
            return stored.stream()
                    .filter(event -> types.isEmpty() || types.contains(event.type()))
                    .mapToLong(Stored::position)
                    .max()
                    .orElse(start);
        }

        @Override
        public void read() throws Exception {
            while (lastId < lastToSee()) {
                stopWhenInterrupted();
                // every reconnection goes to the other node than the last one: Last-Event-ID from one, resumed on
                // the other
                boolean reconnecting = connections + refusedBusy > 0;
                if (reconnecting) {
                    onSecond = !onSecond;
                }
                int how = connections == 0 ? 0 : random.nextInt(3);
                List<String> parameters = new ArrayList<>();
                if (how == 0) {
                    parameters.add("after=" + lastId);
                } else if (how == 1) {
                    parameters.add("after=" + start);
                }
                if (!types.isEmpty()) {
                    parameters.add("types=" + String.join(",", types));
                }
                String query = parameters.isEmpty() ? "" : "?" + String.join("&", parameters);
                HttpRequest.Builder request = HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port(onSecond) + "/api/events" + query))
                        .header("Accept", "text/event-stream")
                        .header("Authorization", "Bearer " + member.accessToken())
                        .header("X-Forwarded-For", randomClientAddress())
                        .timeout(Duration.ofSeconds(10));
                if (how != 0) {
                    request.header("Last-Event-ID", Long.toString(lastId));
                }
                HttpResponse<InputStream> response =
                        HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() == 429) {
                    // the account's streams on the node are all taken until the dropped ones are noticed
                    refusedBusy++;
                    response.body().close();
                    // a client's back-off: there is no state to await, the node frees a slot when it notices a drop
                    Thread.sleep(200);
                    continue;
                }
                assertThat(response.statusCode())
                        .as("%s resumed after %d on the %s node", name, lastId, onSecond ? "second" : "first")
                        .isEqualTo(200);
                connections++;
                if (onSecond) {
                    connectionsOnSecond++;
                }
                try (InputStream body = response.body()) {
                    readUntilDropped(
                            body, 1 + random.nextInt(random.nextBoolean() ? 20 : 400), 100 + random.nextInt(2000));
                }
            }
        }

        private void readUntilDropped(InputStream body, int events, long millis) throws IOException {
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            String id = null;
            StringBuilder data = new StringBuilder();
            int read = 0;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (id != null) {
                        Seen item = seen(JSON.readTree(data.toString()));
                        assertThat(item.position())
                                .as("the id of the event holding %s", item)
                                .isEqualTo(Long.parseLong(id));
                        assertThat(item.position())
                                .as("%s: event after %d on the %s node", name, lastId, onSecond ? "second" : "first")
                                .isGreaterThan(lastId);
                        if (!types.isEmpty()) {
                            assertThat(types).as(name).contains(item.type());
                        }
                        seen.add(item);
                        lastId = item.position();
                        read++;
                    }
                    id = null;
                    data.setLength(0);
                    if (read >= events || System.nanoTime() > until || lastId >= lastToSee()) {
                        return;
                    }
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5));
                }
            }
            fail("%s: the stream ended by itself after %d", name, lastId);
        }

        void assertSawExactly(List<Stored> expected) {
            assertSeenExactly(name, seen, expected);
        }

        String stats() {
            return name + " " + seen.size() + " events over " + connections + " connections, " + connectionsOnSecond
                    + " to the second node (" + refusedBusy + " refused while busy)";
        }
    }

    // ---------------------------------------------------------------- reading and comparing

    record Page(List<Seen> items, long next) {}

    private static int limit(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> 1 + random.nextInt(5);
            case 1 -> 1 + random.nextInt(50);
            case 2 -> 1 + random.nextInt(200);
            default -> 1 + random.nextInt(1000);
        };
    }

    /** This node's port, or the second node's. */
    private int port(boolean second) {
        return second ? secondNode.port() : port;
    }

    private static Page page(Member member, int port, long after, int limit, Set<String> types) throws IOException {
        RequestSpecification request =
                member.request().port(port).queryParam("after", after).queryParam("limit", limit);
        if (!types.isEmpty()) {
            request = request.queryParam("types", String.join(",", types));
        }
        Response response = request.get("/api/events");
        assertThat(response.statusCode())
                .as("a page after %d on port %d: %s", after, port, response.asString())
                .isEqualTo(200);
        JsonNode body = JSON.readTree(response.asByteArray());
        List<Seen> items = new ArrayList<>();
        body.path("items").forEach(item -> items.add(seen(item)));
        assertThat(items.size()).as("a page of at most %d", limit).isLessThanOrEqualTo(limit);
        if (!types.isEmpty()) {
            assertThat(items)
                    .as("a page of %s", types)
                    .allSatisfy(s -> assertThat(types).contains(s.type()));
        }
        return new Page(items, body.path("next").asLong());
    }

    private static Seen seen(JsonNode item) {
        JsonNode changedName = item.path("payload").path("changes").path("name");
        return new Seen(
                item.path("position").asLong(),
                item.path("aggregateId").asText(null),
                item.path("sequence").asLong(),
                item.path("type").asText(),
                item.path("actorId").asText(null),
                item.path("correlationId").asText(null),
                changedName.isTextual() ? changedName.asText() : null);
    }

    private List<Seen> readAll(Member member, int port, long after, long upTo) throws IOException {
        List<Seen> all = new ArrayList<>();
        long cursor = after;
        while (cursor < upTo) {
            Page page = page(member, port, cursor, 1000, Set.of());
            page.items().stream().filter(s -> s.position() <= upTo).forEach(all::add);
            cursor = page.next();
        }
        return all;
    }

    private List<Stored> storedBetween(long after, long upTo) {
        return jdbc.sql("""
                        SELECT global_index, aggregate_identifier, sequence_number, payload_type FROM domain_event_entry
                        WHERE global_index > :after AND global_index <= :upTo ORDER BY global_index""")
                .param("after", after)
                .param("upTo", upTo)
                .query((rs, n) -> new Stored(
                        rs.getLong("global_index"),
                        rs.getString("aggregate_identifier"),
                        rs.getLong("sequence_number"),
                        simpleName(rs.getString("payload_type"))))
                .list();
    }

    /**
     * The reader saw each stored event of its range once, in position order, and nothing else; events past the final
     * head are not the oracle's business but must still come in order and once. A failure names the first difference.
     */
    private void assertSeenExactly(String reader, List<Seen> seen, List<Stored> expected) {
        List<Long> positions = seen.stream().map(Seen::position).toList();
        assertThat(positions).as("%s: positions", reader).isSorted().doesNotHaveDuplicates();
        List<String> got =
                identities(seen.stream().filter(s -> s.position() <= finalHead).toList(), Seen::identity);
        List<String> want = identities(expected, Stored::identity);
        if (!got.equals(want)) {
            Set<String> gotSet = Set.copyOf(got);
            Set<String> wantSet = Set.copyOf(want);
            List<String> missed =
                    want.stream().filter(w -> !gotSet.contains(w)).limit(20).toList();
            List<String> extra =
                    got.stream().filter(g -> !wantSet.contains(g)).limit(20).toList();
            fail(
                    "%s saw %d events where the store holds %d: missed %s, never stored %s",
                    reader, got.size(), want.size(), missed, extra);
        }
    }

    private static String simpleName(String className) {
        return className.substring(Math.max(className.lastIndexOf('.'), className.lastIndexOf('$')) + 1);
    }

    private static <T> List<String> identities(List<T> events, Function<T, String> identity) {
        return events.stream().map(identity).toList();
    }

    private static long head(Member member, int port) {
        return member.request()
                .port(port)
                .get("/api/events/head")
                .then()
                .statusCode(200)
                .extract()
                .<Number>path("position")
                .longValue();
    }
}
