package io.hindsight.store;

import static io.hindsight.store.StoreSteps.menu;
import static io.hindsight.store.StoreSteps.openStore;
import static io.hindsight.store.StoreSteps.ordered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.hindsight.account.api.AccountId;
import io.hindsight.audit.FeedHorizon;
import io.hindsight.ledger.LedgerSteps;
import io.hindsight.store.StoreSteps.Merchant;
import io.hindsight.store.api.CouponCode;
import io.hindsight.store.api.CouponIssued;
import io.hindsight.store.api.MenuId;
import io.hindsight.store.api.StoreId;
import io.hindsight.store.api.StoreOrderId;
import io.hindsight.support.Api.Member;
import io.hindsight.support.FakePortOne;
import io.hindsight.support.HeldTransaction;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.SecondNode;
import io.hindsight.support.StandaloneApp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.util.AopTestUtils;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The live streams across two nodes: payments and the merchant's decisions arrive at one node, the merchant and
 * the customer listen on the other, and a customer who reconnects - to either node - with Last-Event-ID gets
 * exactly what was missed, once.
 */
class StoreStreamsIT extends IntegrationTest {

    private static StandaloneApp secondNode;

    @Autowired
    private Environment environment;

    @Autowired
    private EventStore eventStore;

    @Autowired
    private StoreStreams streams;

    @Autowired
    private FeedHorizon horizon;

    @Autowired
    private PlatformTransactionManager transactionManager;

    @Autowired
    private JdbcClient jdbc;

    @AfterEach
    void ledgerStillHolds() {
        LedgerSteps.assertLedgerHolds(api.admin());
    }

    @AfterAll
    static void stopSecondNode() {
        if (secondNode != null) {
            secondNode.close();
        }
    }

    private int secondPort() {
        if (secondNode == null) {
            secondNode = SecondNode.start(environment);
        }
        return secondNode.port();
    }

    @Test
    void canPushOrdersAndNotificationsToAnotherNodeAndResumeWithoutLossOrRepeat() {
        int second = secondPort();
        Merchant merchant = openStore("Streaming Cafe");
        String latte = menu(merchant, "Stream Latte", 4_000);
        Member customer = api.signUp("Streaming Customer");
        String first = ordered(customer, merchant.storeId(), latte, 1, 0).getString("orderId");
        String later = ordered(customer, merchant.storeId(), latte, 2, 0).getString("orderId");

        try (SseClient storeStream = SseClient.connect(
                        port,
                        "/api/stores/" + merchant.storeId() + "/orders/stream",
                        merchant.member().accessToken(),
                        null);
                SseClient notifications =
                        SseClient.connect(port, "/api/me/notifications/stream", customer.accessToken(), null)) {
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> storeStream.status() == 200 && notifications.status() == 200);

            String impUid = FakePortOne.paid(first, 4_000);
            Instant paid = Instant.now();
            webhookOn(second, impUid, first);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> storeStream.types().contains("ORDER_PLACED"));
            SseClient.Event placed = storeStream.events().get(0);
            assertThat(placed.data().path("orderId").asText()).isEqualTo(first);
            assertThat(placed.data().path("items").get(0).path("name").asText()).isEqualTo("Stream Latte");
            assertThat(Duration.between(paid, placed.receivedAt())).isLessThan(Duration.ofSeconds(2));
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> notifications.types().contains("ORDER_WAITING"));

            merchant.request()
                    .port(second)
                    .post("/api/store-orders/" + first + "/accept")
                    .then()
                    .statusCode(200);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> notifications.types().contains("ORDER_ACCEPTED"));
            assertThat(notifications.types()).containsExactly("ORDER_WAITING", "ORDER_ACCEPTED");
            String seen = notifications.lastId();
            String firstSeen = notifications.events().get(0).id();
            notifications.close();

            merchant.request()
                    .port(second)
                    .post("/api/store-orders/" + first + "/complete")
                    .then()
                    .statusCode(200);
            webhookOn(second, FakePortOne.paid(later, 8_000), later);
            merchant.request()
                    .port(second)
                    .body(Map.of("reason", "Sold out"))
                    .post("/api/store-orders/" + later + "/reject")
                    .then()
                    .statusCode(200);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> storeStream.types().size() == 2);

            try (SseClient resumed =
                    SseClient.connect(second, "/api/me/notifications/stream", customer.accessToken(), seen)) {
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> resumed.events().size() >= 3);
                assertThat(resumed.types()).containsExactly("ORDER_COMPLETED", "ORDER_WAITING", "ORDER_REJECTED");
                assertThat(resumed.events().get(1).data().path("orderId").asText())
                        .isEqualTo(later);
                assertThat(resumed.events().get(2).data().path("reason").asText())
                        .isEqualTo("Sold out");
                assertIncreasing(resumed.events());
            }
            try (SseClient fromTheStart =
                    SseClient.connect(port, "/api/me/notifications/stream", customer.accessToken(), firstSeen)) {
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> fromTheStart.events().size() >= 4);
                assertThat(fromTheStart.types())
                        .containsExactly("ORDER_ACCEPTED", "ORDER_COMPLETED", "ORDER_WAITING", "ORDER_REJECTED");
                assertIncreasing(fromTheStart.events());
            }
        }
    }

    /**
     * The heartbeats (every second in tests) find the client gone and end the stream through an async dispatch. That
     * dispatch carries no token: checked like a request of its own it was denied, and logged as an ERROR that no
     * client could ever see.
     */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aStreamWhoseClientLeftEndsWithoutAnError(CapturedOutput output) throws Exception {
        Member listener = api.signUp("Leaving Listener");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            listenByHand(socket, listener);
        }

        // what the fix prevents is a log line, so its absence is watched for as long as it took to appear: the
        // heartbeats of four seconds (one a second in tests); the watch fails the moment one appears
        await().during(Duration.ofSeconds(4))
                .atMost(Duration.ofSeconds(6))
                .until(() -> !output.getAll().contains("response is already committed")
                        && !output.getAll().contains("AuthorizationDeniedException"));
        listener.request().get("/api/me").then().statusCode(200);
    }

    /**
     * One client that stops reading: all streams were written from the poller's one thread, so its full socket held
     * back every other store and notification stream on the node until the write timed out.
     */
    @Test
    void aStreamThatStopsReadingHoldsBackNoOtherStream() throws Exception {
        Member stuck = api.signUp("Stuck Listener");
        Member giver = api.signUp("Burst Giver");
        Merchant merchant = openStore("Unstuck Cafe");
        String latte = menu(merchant, "Unstuck Latte", 4_000);
        Member customer = api.signUp("Unstuck Customer");
        String order = ordered(customer, merchant.storeId(), latte, 1, 0).getString("orderId");
        try (Socket stuckSocket = new Socket();
                SseClient storeStream = SseClient.connect(
                        port,
                        "/api/stores/" + merchant.storeId() + "/orders/stream",
                        merchant.member().accessToken(),
                        null)) {
            stuckSocket.setReceiveBufferSize(2048);
            stuckSocket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            listenByHand(stuckSocket, stuck);
            await().atMost(Duration.ofSeconds(5)).until(() -> storeStream.status() == 200);

            // 6 MB of gifts for the client that reads nothing, over many polls, as writes come
            String message = "m".repeat(50_000);
            List<EventMessage<?>> batch = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                CouponCode code = randomCouponCode();
                batch.add(new GenericDomainEventMessage<>(
                        "Coupon",
                        code.value(),
                        0,
                        new CouponIssued(
                                code,
                                "burst-gift-" + i,
                                StoreOrderId.newId(),
                                StoreId.of(merchant.storeId()),
                                MenuId.of(latte),
                                "Unstuck Latte",
                                AccountId.of(stuck.accountId()),
                                AccountId.of(giver.accountId()),
                                message,
                                Instant.now().plus(Duration.ofDays(30)),
                                null,
                                0)));
                if (batch.size() == 10) {
                    eventStore.publish(List.copyOf(batch));
                    batch.clear();
                    // a stagger, not a wait for a condition: the writes must span several polls, as they come live
                    Thread.sleep(300);
                }
            }

            Instant paid = Instant.now();
            webhookOn(port, FakePortOne.paid(order, 4_000), order);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> storeStream.types().contains("ORDER_PLACED"));
            assertThat(Duration.between(paid, storeStream.events().get(0).receivedAt()))
                    .isLessThan(Duration.ofSeconds(2));
        }
    }

    /**
     * A client resuming from long ago has its backlog read from the message log and the event store: that read ran
     * under the lock each poll of the node takes to hand out messages, so while it lasted no stream on the node was
     * handed anything, and no other stream could open.
     */
    @Test
    void aResumeWhoseBacklogIsBeingReadHoldsBackNoOtherStream() throws Exception {
        Member resuming = api.signUp("Resuming Listener");
        long before = Math.max(0, feedHead(api.admin()) - 50);
        Object pollLock = AopTestUtils.getTargetObject(streams);
        ExecutorService poller = Executors.newSingleThreadExecutor();
        // the log's table held, as a long read of it holds the resume; the transaction holding it holds the feed's
        // horizon too, so no poll could hand anything out: whether one may is what the lock tells
        try (HeldTransaction scanHeld = HeldTransaction.open(
                transactionManager,
                () -> jdbc.sql("LOCK TABLE store_message IN ACCESS EXCLUSIVE MODE")
                        .update())) {
            // gives up on the held transaction after its two seconds: no later probe, a poll's included, waits for it
            horizon.probedNow();
            try (SseClient resume = SseClient.connect(
                    port, "/api/me/notifications/stream", resuming.accessToken(), Long.toString(before))) {
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> jdbc.sql("""
                                SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'
                                  AND query LIKE '%NOT EXISTS (SELECT 1 FROM store_message m%'""").query(Long.class).single() > 0);
                Future<?> aPoll = poller.submit(() -> {
                    synchronized (pollLock) {
                        return null;
                    }
                });
                // the resume held it until its read gave up, 2 s
                assertThat(aPoll).as("a poll while a resume's backlog is read").succeedsWithin(Duration.ofSeconds(1));
            }
        } finally {
            poller.shutdownNow();
        }
    }

    /**
     * A poll waits up to two seconds for the feed's horizon while a transaction older than its probe runs, and it
     * waited holding the lock a stream takes to open: every stream opening on the node waited with it.
     */
    @Test
    void aPollWaitingForTheFeedsHorizonHoldsBackNoStreamOpening() throws Exception {
        Object openingLock = AopTestUtils.getTargetObject(streams);
        ExecutorService opener = Executors.newSingleThreadExecutor();
        try (HeldTransaction older = HeldTransaction.open(
                transactionManager,
                () -> jdbc.sql("SELECT pg_current_xact_id()")
                        .query(String.class)
                        .single())) {
            // the polls come every 200 ms, and the first after the transaction began waits for it for two seconds:
            // every check in that window must pass, where Awaitility's during() would start over after a failed one
            Instant until = Instant.now().plusMillis(2_500);
            while (Instant.now().isBefore(until)) {
                Future<?> anOpening = opener.submit(() -> {
                    synchronized (openingLock) {
                        return null;
                    }
                });
                assertThat(anOpening)
                        .as("a stream opening while a poll waits for the feed's horizon")
                        .succeedsWithin(Duration.ofSeconds(1));
            }
        } finally {
            opener.shutdownNow();
        }
    }

    /** Log-out revokes at once: a live stream went on for its half hour, the event feed's with personal data. */
    @Test
    void aLiveStreamEndsWhenItsTokenIsRevoked() {
        Member listener = api.signUp("Revoked Listener");
        Member auditor = api.withRoles("Revoked Auditor", "AUDITOR");
        long head = feedHead(auditor);
        try (SseClient notifications =
                        SseClient.connect(port, "/api/me/notifications/stream", listener.accessToken(), null);
                SseClient feed = SseClient.connect(port, "/api/events?after=" + head, auditor.accessToken(), null)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> notifications.status() == 200 && feed.status() == 200);

            listener.request().post("/api/auth/logout").then().statusCode(204);
            auditor.request().post("/api/auth/logout").then().statusCode(204);
            Member later = api.signUp("Signed Up After The Log-Out");

            await().atMost(Duration.ofSeconds(5)).until(() -> notifications.ended() && feed.ended());
            assertThat(feed.events())
                    .extracting(event -> event.data().path("aggregateId").asText())
                    .doesNotContain(later.accountId());
        }
    }

    @Test
    void canTellTheRecipientOfAGiftLive() {
        int second = secondPort();
        Merchant merchant = openStore("Gift Stream");
        String cake = menu(merchant, "Stream Cake", 6_500);
        Member giver = api.signUp("Streaming Giver");
        Member recipient = api.signUp("Streaming Recipient");
        try (SseClient notifications =
                SseClient.connect(port, "/api/me/notifications/stream", recipient.accessToken(), null)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> notifications.status() == 200);
            String giftOrder = StoreSteps.gift(giver, recipient, merchant, cake, "For you")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("orderId");
            webhookOn(second, FakePortOne.paid(giftOrder, 6_500), giftOrder);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> notifications.types().contains("GIFT_RECEIVED"));
            SseClient.Event gift = notifications.events().get(0);
            assertThat(gift.data().path("menuName").asText()).isEqualTo("Stream Cake");
            assertThat(gift.data().path("message").asText()).isEqualTo("For you");
            assertThat(gift.data().path("code").asText()).matches("[A-Z2-7]{26}");
        }
    }

    /**
     * A stream holds a connection, not a thread, so one account had opened 600 on a node and could have gone on to the
     * 8,192 connections Tomcat takes. Now it holds at most 16 there, and gets one back as soon as one of them ends.
     */
    @Test
    void cannotHoldMoreThanSixteenLiveStreamsOnANode() {
        Member member = api.signUp("Many Tabs");
        List<SseClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                open.add(SseClient.connect(port, "/api/me/notifications/stream", member.accessToken(), null));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> open.stream().allMatch(s -> s.status() == 200));

            try (SseClient refused =
                    SseClient.connect(port, "/api/me/notifications/stream", member.accessToken(), null)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> refused.status() != 0);
                assertThat(refused.status()).isEqualTo(429);
            }
            member.request()
                    .accept("text/event-stream")
                    .get("/api/me/notifications/stream")
                    .then()
                    .statusCode(429)
                    .body("code", equalTo("RATE_LIMITED"));
            try (SseClient other = SseClient.connect(
                    port, "/api/me/notifications/stream", api.signUp("One Tab").accessToken(), null)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> other.status() == 200);
            }

            open.remove(0).close();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                try (SseClient again =
                        SseClient.connect(port, "/api/me/notifications/stream", member.accessToken(), null)) {
                    await().atMost(Duration.ofSeconds(5)).until(() -> again.status() != 0);
                    assertThat(again.status()).isEqualTo(200);
                }
            });
        } finally {
            open.forEach(SseClient::close);
        }
    }

    /**
     * A stream whose client has left keeps its share until a write to it fails, and the first write after the client
     * left still succeeds: at the heartbeat's pace (15 s) a client that came back was refused for 30-40 s once it had
     * left as many streams as it may hold (sixteen tabs reloaded). Now a caller with no share left has each of their
     * streams written to at once; those found gone give their shares back, and the new stream opens.
     */
    @Test
    void aClientThatLeftItsStreamsGetsANewOneAtOnce() throws IOException {
        Member member = api.signUp("Reloaded Tabs");
        List<Socket> tabs = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                Socket tab = new Socket("127.0.0.1", port);
                tabs.add(tab);
                listenByHand(tab, member);
            }
        } finally {
            for (Socket tab : tabs) {
                tab.close();
            }
        }

        try (Socket again = new Socket("127.0.0.1", port)) {
            listenByHand(again, member);
        }
    }

    /**
     * A HEAD opened a stream Tomcat wrote nothing of, so its heartbeat never found the client gone: each held one of the
     * account's shares for the stream's half hour, and after sixteen HEADs every stream of the account was 429.
     */
    @Test
    void aHeadToAStreamHoldsNoShareOfIt() throws IOException {
        Member member = api.signUp("Head Asker");
        for (int i = 0; i < 20; i++) {
            assertThat(headOf("/api/me/notifications/stream", member)).startsWith("HTTP/1.1 200");
        }
        try (SseClient stream = SseClient.connect(port, "/api/me/notifications/stream", member.accessToken(), null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> stream.status() != 0);
            assertThat(stream.status()).isEqualTo(200);
        }
        Member auditor = api.withRoles("Head Auditor", "AUDITOR");
        for (int i = 0; i < 20; i++) {
            assertThat(headOf("/api/events", auditor)).startsWith("HTTP/1.1 200");
        }
        try (SseClient feed = SseClient.connect(port, "/api/events", auditor.accessToken(), null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> feed.status() != 0);
            assertThat(feed.status()).isEqualTo(200);
        }
        // a HEAD is still answered as its GET would be
        assertThat(headOf("/api/events", member)).startsWith("HTTP/1.1 403");
        Merchant owner = openStore("Head Store");
        assertThat(headOf("/api/stores/" + owner.storeId() + "/orders/stream", member))
                .startsWith("HTTP/1.1 403");
        assertThat(headOf(
                        "/api/stores/" + owner.storeId() + "/orders/stream",
                        openStore("Head Peeker").member()))
                .startsWith("HTTP/1.1 404");
    }

    /** The status line and headers of a HEAD, read on a socket of its own and closed after them. */
    private String headOf(String path, Member caller) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(("HEAD " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
                                    + "Authorization: Bearer " + caller.accessToken() + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            BufferedReader answer =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            StringBuilder head = new StringBuilder();
            for (String line = answer.readLine(); line != null && !line.isEmpty(); line = answer.readLine()) {
                head.append(line).append('\n');
            }
            return head.toString();
        }
    }

    /**
     * A soak found the node's registry of streams growing by one entry per account that had ever listened: a closed
     * stream left its account's empty set behind, kept (and walked by every poll) until the node stopped.
     */
    @Test
    void aStreamThatEndedLeavesNothingOfItsListenerBehind() {
        Member listener = api.signUp("Passing Listener");
        Merchant merchant = openStore("Passing Cafe");
        String notifications = StoreMessages.userStream(listener.accountId());
        String orders = StoreMessages.storeStream(merchant.storeId());
        try (SseClient mine = SseClient.connect(port, "/api/me/notifications/stream", listener.accessToken(), null);
                SseClient store = SseClient.connect(
                        port,
                        "/api/stores/" + merchant.storeId() + "/orders/stream",
                        merchant.member().accessToken(),
                        null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> mine.status() == 200 && store.status() == 200);
            assertThat(streams.listenedTo()).contains(notifications, orders);
        }
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(streams.listenedTo()).doesNotContain(notifications, orders));
    }

    @Test
    void cannotResumeAfterAMessageThatWasNeverSent() {
        Member listener = api.signUp("Far Ahead Listener");
        long head = feedHead(api.admin());
        try (SseClient ahead = SseClient.connect(
                port, "/api/me/notifications/stream", listener.accessToken(), Long.toString(head + 1_000_000))) {
            await().atMost(Duration.ofSeconds(5)).until(() -> ahead.status() == 400);
        }
        listener.request()
                .accept("text/event-stream")
                .get("/api/me/notifications/stream?after=" + (head + 1_000_000))
                .then()
                .statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"));
    }

    @Test
    void cannotListenToAnotherMerchantsStore() {
        Merchant owner = openStore("Private Stream");
        Merchant other = openStore("Eavesdropper");
        try (SseClient stream = SseClient.connect(
                port,
                "/api/stores/" + owner.storeId() + "/orders/stream",
                other.member().accessToken(),
                null)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> stream.status() == 404);
        }
        try (SseClient anonymous = SseClient.connect(port, "/api/me/notifications/stream", "not-a-token", null)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> anonymous.status() == 401);
        }
    }

    private static long feedHead(Member auditor) {
        return auditor.request()
                .get("/api/events/head")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("position");
    }

    /** Opens the notifications stream on a bare socket and reads up to its first comment, nothing after it. */
    private static void listenByHand(Socket socket, Member listener) throws IOException {
        socket.getOutputStream()
                .write(("GET /api/me/notifications/stream HTTP/1.1\r\nHost: localhost\r\n"
                                + "Accept: text/event-stream\r\nAuthorization: Bearer " + listener.accessToken()
                                + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        BufferedReader answer =
                new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        assertThat(answer.readLine()).isEqualTo("HTTP/1.1 200 ");
        while (!answer.readLine().contains("connected")) {
            // the headers, up to the stream's first comment
        }
    }

    /**
     * Two nodes append at once and the earlier position commits last: the processor folds it after the later one, and
     * its tracking token then names the later position. The log keyed the message by that token, so it stood under
     * the later event's key (a replay put it under its own: two differences), or was dropped where the later event's
     * message already held that key on the same stream. Found by a replay after the status-flow sweep's races.
     */
    @Test
    void aMessageWhoseEventCommittedAfterALaterOneIsKeptUnderItsOwnPosition() throws Exception {
        Member recipient = api.signUp("Late Gift Recipient");
        Member giver = api.signUp("Late Gift Giver");
        Merchant merchant = openStore("Late Commit Cafe");
        String latte = menu(merchant, "Late Latte", 4_000);
        EventMessage<?> committedLast = gift(merchant, latte, recipient, giver, "committed last");
        EventMessage<?> committedFirst = gift(merchant, latte, recipient, giver, "committed first");
        try (HeldTransaction held = HeldTransaction.open(transactionManager, () -> eventStore.publish(committedLast))) {
            eventStore.publish(committedFirst);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> messagesTo(recipient).size() == 1);
            held.commit();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> messagesTo(recipient).size() == 2);
        assertThat(messagesTo(recipient))
                .as("each message under its event's own position")
                .containsExactlyInAnyOrder(
                        positionOf(committedLast.getIdentifier()), positionOf(committedFirst.getIdentifier()));
        assertThat(positionOf(committedLast.getIdentifier())).isLessThan(positionOf(committedFirst.getIdentifier()));
    }

    /**
     * A client resuming from long ago (or with {@code after=0}) had every message of its stream read into memory at
     * once, under the lock every stream of the node is fed under: a merchant with a year of orders, or a user with
     * thousands of gifts, reconnecting sixteen times held them all sixteen times over. It now gets at most as many as
     * a stream may fall behind by (10,000), the oldest first, and the stream ends; resuming after the last of them
     * sends the rest and stays open, nothing lost or sent twice.
     */
    @Test
    void aClientResumingFromLongAgoGetsTheBacklogTenThousandMessagesAtATime() {
        Member recipient = api.signUp("Long Gone Listener");
        Member giver = api.signUp("Backlog Giver");
        Merchant merchant = openStore("Backlog Cafe");
        String latte = menu(merchant, "Backlog Latte", 4_000);
        long before = feedHead(api.admin());
        int gifts = 10_050;
        for (int from = 0; from < gifts; from += 1_000) {
            List<EventMessage<?>> batch = new ArrayList<>();
            for (int i = from; i < Math.min(gifts, from + 1_000); i++) {
                batch.add(gift(merchant, latte, recipient, giver, "backlog " + i));
            }
            eventStore.publish(batch);
        }
        await().atMost(Duration.ofMinutes(3)).until(() -> messagesTo(recipient).size() == gifts);
        List<Long> positions = messagesTo(recipient).stream().sorted().toList();

        String lastSeen;
        try (SseClient first = SseClient.connect(
                port, "/api/me/notifications/stream", recipient.accessToken(), Long.toString(before))) {
            await().atMost(Duration.ofMinutes(1)).until(first::ended);
            List<SseClient.Event> sent = first.events();
            assertThat(sent).hasSize(10_000);
            assertThat(sent.stream().map(e -> Long.parseLong(e.id())).toList()).isEqualTo(positions.subList(0, 10_000));
            lastSeen = first.lastId();
        }
        try (SseClient rest =
                SseClient.connect(port, "/api/me/notifications/stream", recipient.accessToken(), lastSeen)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> rest.events().size() == 50);
            assertThat(rest.events().stream().map(e -> Long.parseLong(e.id())).toList())
                    .isEqualTo(positions.subList(10_000, gifts));
            assertThat(rest.types()).containsOnly("GIFT_RECEIVED");
            eventStore.publish(gift(merchant, latte, recipient, giver, "live after the backlog"));
            await().atMost(Duration.ofSeconds(10)).until(() -> rest.events().size() == 51);
            assertThat(rest.ended()).isFalse();
        }
    }

    private static EventMessage<?> gift(Merchant merchant, String menu, Member recipient, Member giver, String text) {
        CouponCode code = randomCouponCode();
        return new GenericDomainEventMessage<>(
                "Coupon",
                code.value(),
                0,
                new CouponIssued(
                        code,
                        text,
                        StoreOrderId.newId(),
                        StoreId.of(merchant.storeId()),
                        MenuId.of(menu),
                        "Late Latte",
                        AccountId.of(recipient.accountId()),
                        AccountId.of(giver.accountId()),
                        text,
                        Instant.now().plus(Duration.ofDays(30)),
                        null,
                        0));
    }

    private List<Long> messagesTo(Member recipient) {
        return jdbc.sql("SELECT position FROM store_message WHERE stream = :stream")
                .param("stream", "user:" + recipient.accountId())
                .query(Long.class)
                .list();
    }

    private long positionOf(String eventId) {
        return jdbc.sql("SELECT global_index FROM domain_event_entry WHERE event_identifier = :id")
                .param("id", eventId)
                .query(Long.class)
                .single();
    }

    private static CouponCode randomCouponCode() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder code = new StringBuilder();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 26; i++) {
            code.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return new CouponCode(code.toString());
    }

    private static void webhookOn(int port, String impUid, String orderId) {
        StoreSteps.webhookAt(port, impUid, orderId).then().statusCode(200).body("outcome", equalTo("PLACED"));
    }

    private static void assertIncreasing(List<SseClient.Event> events) {
        List<Long> ids = events.stream().map(e -> Long.parseLong(e.id())).toList();
        assertThat(ids).isSorted().doesNotHaveDuplicates();
    }
}
