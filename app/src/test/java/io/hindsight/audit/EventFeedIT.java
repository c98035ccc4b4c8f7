package io.hindsight.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.hindsight.shop.api.ProductCreated;
import io.hindsight.shop.api.ProductId;
import io.hindsight.support.Api.Member;
import io.hindsight.support.HeldTransaction;
import io.hindsight.support.IntegrationTest;
import io.restassured.response.Response;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

class EventFeedIT extends IntegrationTest {

    @Autowired
    EventStore eventStore;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void theFeedPagesByPositionAndFiltersByType() {
        Member admin = api.admin();
        long start = head();
        Member member = api.signUp("Feed Page");
        member.request()
                .body(Map.of("name", "Feed Page 2"))
                .patch("/api/me")
                .then()
                .statusCode(200);

        // A write transaction that began before these appends (background work) holds the feed back until it ends;
        // a reader polls, as clients do.
        Response page = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> admin.request()
                                .queryParam("after", start)
                                .queryParam("limit", 1)
                                .get("/api/events"),
                        response -> response.jsonPath().getList("items").size() == 1);
        page.then().statusCode(200).body("items.size()", equalTo(1)).body("items[0].position", greaterThan((int)
                start));
        long next = page.jsonPath().getLong("next");
        assertThat(next).isEqualTo(page.jsonPath().getLong("items[0].position"));

        admin.request()
                .queryParam("after", start)
                .queryParam("types", "ProfileChanged")
                .get("/api/events")
                .then()
                .statusCode(200)
                .body("items.type", everyItem(equalTo("ProfileChanged")))
                .body(
                        "items.find { it.aggregateId == '" + member.accountId() + "' }.payload.changes.name",
                        equalTo("Feed Page 2"));
        for (String sameType : List.of("profilechanged", "io.hindsight.account.api.ProfileChanged")) {
            admin.request()
                    .queryParam("after", start)
                    .queryParam("types", sameType)
                    .get("/api/events")
                    .then()
                    .statusCode(200)
                    .body("items.type", everyItem(equalTo("ProfileChanged")))
                    .body("items.aggregateId", hasItem(member.accountId()));
        }
        // a name no event has is refused rather than answered with pages that never hold anything
        for (String unknown : List.of("ProfileChange", "ProfileChanged,Nope", "io.hindsight.account.api.Account")) {
            admin.request()
                    .queryParam("types", unknown)
                    .get("/api/events")
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("VALIDATION_FAILED"));
        }
        admin.request()
                .queryParam("types", "CartCheckedOut, StoreOrderPlaced,FundsHeld")
                .get("/api/events")
                .then()
                .statusCode(200);
        admin.request().queryParam("limit", 1001).get("/api/events").then().statusCode(400);
        admin.request().queryParam("after", -1).get("/api/events").then().statusCode(400);
        api.withRoles("Feed Auditor", "AUDITOR")
                .request()
                .get("/api/events")
                .then()
                .statusCode(200);
        member.request().get("/api/events").then().statusCode(403);
    }

    /** A cursor from another deployment, or from before a restore, was answered with an empty feed, forever. */
    @Test
    void cannotResumeAfterAPositionTheStoreNeverGaveOut() {
        Member admin = api.admin();
        long beyond = head() + 1_000_000;
        admin.request()
                .get("/api/events?after=" + beyond)
                .then()
                .statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"));
        admin.request()
                .accept("text/event-stream")
                .header("Last-Event-ID", Long.toString(beyond))
                .get("/api/events")
                .then()
                .statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"));
        admin.request().get("/api/events?after=-1").then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        admin.request().get("/api/events?after=" + head()).then().statusCode(200);
    }

    @Test
    void aReaderSeesEveryEventOnceAndInOrderWhileEightWritersAppend() throws Exception {
        Member admin = api.admin();
        List<Member> writers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            writers.add(api.signUp("Writer " + i));
        }
        long start = head();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong lastWritten = new AtomicLong(Long.MAX_VALUE);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(9);
        List<Future<?>> work = new ArrayList<>();
        for (Member writer : writers) {
            work.add(pool.submit(() -> {
                go.await();
                for (int n = 0; n < 20; n++) {
                    writer.request()
                            .body(Map.of("name", writer.accountId().substring(0, 6) + " v" + n))
                            .patch("/api/me")
                            .then()
                            .statusCode(200);
                }
                return null;
            }));
        }
        List<Long> seen = new ArrayList<>();
        Future<?> reader = pool.submit(() -> {
            go.await();
            long after = start;
            while (writing.get() || after < lastWritten.get()) {
                Response page = admin.request()
                        .queryParam("after", after)
                        .queryParam("limit", 7)
                        .get("/api/events");
                List<Integer> positions = page.jsonPath().getList("items.position");
                positions.forEach(p -> seen.add(p.longValue()));
                after = page.jsonPath().getLong("next");
            }
            return null;
        });
        go.countDown();
        for (Future<?> w : work) {
            w.get();
        }
        lastWritten.set(head());
        writing.set(false);
        reader.get(60, TimeUnit.SECONDS);
        pool.shutdown();

        List<Long> committed = jdbc.sql(
                        "SELECT global_index FROM domain_event_entry WHERE global_index > :start AND global_index <= :end ORDER BY global_index")
                .param("start", start)
                .param("end", lastWritten.get())
                .query(Long.class)
                .list();
        assertThat(committed).hasSizeGreaterThanOrEqualTo(160);
        assertThat(seen.stream().filter(p -> p <= lastWritten.get()))
                .isSorted()
                .doesNotHaveDuplicates()
                .containsExactlyElementsOf(committed);
        assertThat(seen).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aPageRequestedAfterAWriteHoldsThatWriteWhileOtherReadersKeepTheHorizonWarm() throws Exception {
        Member admin = api.admin();
        Member member = api.signUp("Own Writes");
        AtomicBoolean tailing = new AtomicBoolean(true);
        ExecutorService tails = Executors.newSingleThreadExecutor();
        Future<?> tail = tails.submit(() -> {
            while (tailing.get()) {
                admin.request()
                        .queryParam("after", head())
                        .get("/api/events")
                        .then()
                        .statusCode(200);
            }
            return null;
        });
        try {
            for (int i = 0; i < 15; i++) {
                long before = head();
                member.request()
                        .body(Map.of("name", "Own Writes " + i))
                        .patch("/api/me")
                        .then()
                        .statusCode(200);
                admin.request()
                        .queryParam("after", before)
                        .queryParam("types", "ProfileChanged")
                        .get("/api/events")
                        .then()
                        .statusCode(200)
                        .body(
                                "items.find { it.aggregateId == '" + member.accountId() + "' }.payload.changes.name",
                                equalTo("Own Writes " + i));
            }
        } finally {
            tailing.set(false);
            tail.get(30, TimeUnit.SECONDS);
            tails.shutdown();
        }
    }

    /**
     * A transaction left open anywhere (an operator's session, a long statement) holds the feed at the horizon it
     * had, and page requests keep being answered: they had waited two seconds each for the probe and most were 503s.
     */
    @Test
    void aTransactionLeftOpenHoldsTheFeedBackWithoutFailingOrSlowingIt() throws Exception {
        Member admin = api.admin();
        long before = head();
        try (HeldTransaction open = HeldTransaction.open(
                transactions,
                () -> jdbc.sql("SELECT pg_current_xact_id()::text")
                        .query(String.class)
                        .single())) {
            Member late = api.signUp("Behind An Open Transaction");
            long started = System.nanoTime();
            for (int i = 0; i < 8; i++) {
                admin.request()
                        .queryParam("after", before)
                        .get("/api/events")
                        .then()
                        .statusCode(200)
                        .body("items.aggregateId", not(hasItem(late.accountId())));
            }
            // each waited 2 s for the probe: at least 16 s
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            open.commit();
            admin.request()
                    .queryParam("after", before)
                    .get("/api/events")
                    .then()
                    .statusCode(200)
                    .body("items.aggregateId", hasItem(late.accountId()));
        }
    }

    @Test
    void theLiveTailResumesFromLastEventIdWithoutLossOrRepetition() throws Exception {
        Member admin = api.admin();
        long start = head();
        Member member = api.signUp("Tail");
        for (int i = 0; i < 3; i++) {
            member.request()
                    .body(Map.of("name", "Tail " + i))
                    .patch("/api/me")
                    .then()
                    .statusCode(200);
        }
        List<Long> firstRead = readStream(admin, "after=" + start, null, 2);
        member.request()
                .body(Map.of("name", "Tail later"))
                .patch("/api/me")
                .then()
                .statusCode(200);
        List<Long> resumed = readStream(admin, "after=0", firstRead.get(firstRead.size() - 1), 3);

        List<Long> committed = jdbc.sql(
                        "SELECT global_index FROM domain_event_entry WHERE global_index > :start ORDER BY global_index LIMIT 5")
                .param("start", start)
                .query(Long.class)
                .list();
        List<Long> all = new ArrayList<>(firstRead);
        all.addAll(resumed);
        assertThat(all).containsExactlyElementsOf(committed);
    }

    /** All tails were written from one thread: one client that stopped reading held back every other tail on the node. */
    @Test
    void aTailThatStopsReadingHoldsBackNoOtherTail() throws Exception {
        Member admin = api.admin();
        long start = head();
        // few (the product list is shared with other tests) and large: 6 MB fill the stuck client's buffers
        int events = 120;
        try (Socket stuck = new Socket()) {
            stuck.setReceiveBufferSize(2048);
            stuck.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            stuck.getOutputStream()
                    .write(("GET /api/events?after=" + start + " HTTP/1.1\r\nHost: localhost\r\n"
                                    + "Accept: text/event-stream\r\nAuthorization: Bearer " + admin.accessToken()
                                    + "\r\nX-Forwarded-For: " + randomClientAddress() + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            ExecutorService reader = Executors.newSingleThreadExecutor();
            try {
                Future<List<Long>> tail = reader.submit(() -> readStream(admin, "after=" + start, null, events));
                String description = "d".repeat(50_000);
                List<EventMessage<?>> batch = new ArrayList<>();
                for (int i = 0; i < events; i++) {
                    ProductId product = ProductId.newId();
                    batch.add(new GenericDomainEventMessage<>(
                            "Product",
                            product.value(),
                            0,
                            new ProductCreated(
                                    product, "Burst " + i, description, 100, "KRW", "https://img.example/burst.png")));
                    if (batch.size() == 10) {
                        // over many polls, as writes come: within one poll a tail pushed before the stuck one had
                        // everything already
                        eventStore.publish(List.copyOf(batch));
                        batch.clear();
                        Thread.sleep(300);
                    }
                }
                assertThat(tail.get(15, TimeUnit.SECONDS)).hasSize(events).isSorted();
            } finally {
                reader.shutdownNow();
            }
        }
    }

    private List<Long> readStream(Member admin, String query, Long lastEventId, int wanted) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/events?" + query))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + admin.accessToken())
                .header("X-Forwarded-For", randomClientAddress())
                .timeout(Duration.ofSeconds(20));
        if (lastEventId != null) {
            request.header("Last-Event-ID", Long.toString(lastEventId));
        }
        HttpResponse<java.io.InputStream> response =
                HttpClient.newHttpClient().send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while (ids.size() < wanted && (line = lines.readLine()) != null) {
                if (line.startsWith("id:")) {
                    ids.add(Long.parseLong(line.substring(3).trim()));
                }
            }
        }
        return ids;
    }

    private long head() {
        return jdbc.sql("SELECT coalesce(max(global_index), 0) FROM domain_event_entry")
                .query(Long.class)
                .single();
    }
}
