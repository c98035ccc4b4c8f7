package io.hindsight.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hindsight.account.api.AccountId;
import io.hindsight.account.api.Gender;
import io.hindsight.account.api.ProfileChanged;
import io.hindsight.account.api.ProfileCorrected;
import io.hindsight.account.api.ProfileFields;
import io.hindsight.projection.EventHistory;
import io.hindsight.projection.ReadModel;
import io.hindsight.projection.RecordedEvent;
import io.hindsight.projection.admin.ProjectionPause;
import io.hindsight.support.Api.Member;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.Projections;
import io.hindsight.support.SeededAccountEvents;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An account with 10,000 profile versions (changes, corrections into the past, ties at one instant, cleared
 * nicknames) next to a fresh one: every read costs the same work for both - counted in events folded and
 * version rows read, never in time - and every as-of, known-at and history answer equals the answer computed
 * from all of the account's events the way the view used to keep its whole timeline.
 */
class LongProfileHistoryIT extends IntegrationTest {

    private static final int VERSIONS = 10_000;
    private static final int PAGE = 20;

    @Autowired
    EventStorageEngine storage;

    @Autowired
    TransactionManager transactions;

    @Autowired
    EventHistory history;

    @Autowired
    ReadModel<AccountView> accounts;

    @Autowired
    AccountProfileVersions versions;

    @Autowired
    ProjectionPause pause;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper json;

    @Autowired
    @Qualifier("aggregateCache.io.hindsight.account.Account") Cache accountAggregates;

    private static Member longOne;
    private static Member fresh;
    private static Instant base;

    private Member admin;

    @BeforeEach
    void seedOnce() {
        admin = api.admin();
        if (longOne != null) {
            return;
        }
        fresh = api.signUp("Fresh History");
        Member member = api.signUp("Long History");
        Instant signedUp = history.eventsOf(member.accountId()).get(0).timestamp();
        base = signedUp.truncatedTo(ChronoUnit.MICROS).plusMillis(1);
        List<SeededAccountEvents.Seeded> events = new ArrayList<>();
        for (int i = 1; i <= VERSIONS; i++) {
            events.add(new SeededAccountEvents.Seeded(
                    seededPayload(member.accountId(), i, signedUp),
                    i % 10 == 0 ? admin.accountId() : member.accountId(),
                    recordedAt(i)));
        }
        seeding().append(member.accountId(), events);
        longOne = member;
    }

    private static Instant recordedAt(long sequence) {
        return base.plus(sequence, ChronoUnit.MICROS);
    }

    /** Changes at their recording instant; every fifth a correction - at a change's instant (a tie) or earlier. */
    private static Object seededPayload(String accountId, int i, Instant signedUp) {
        AccountId id = AccountId.of(accountId);
        ProfileFields fields = new ProfileFields(
                i % 1000 == 2
                        ? "Odd\tname \\ \"quoted\" {a,b} NULL\n" + i
                        : i % 2 == 0 || i % 3 != 0 && i % 7 != 0 ? "Name " + i : null,
                i % 50 == 0 ? "" : i % 3 == 0 ? "nick" + i : null,
                i % 7 == 0 ? Gender.values()[i % Gender.values().length] : null);
        if (i % 10 == 0) {
            return new ProfileCorrected(id, fields, recordedAt(i - 1));
        }
        if (i % 10 == 5) {
            return new ProfileCorrected(id, fields, signedUp.plus(i / 2, ChronoUnit.MICROS));
        }
        return new ProfileChanged(id, fields, recordedAt(i));
    }

    @Test
    void readsOfALongHistoryCostNoMoreThanThoseOfAFreshAccount() {
        Instant middle = recordedAt(VERSIONS / 2);
        Instant earlier = recordedAt(VERSIONS / 3);
        Map<String, Cost> longCosts = costs(longOne, middle, earlier);
        Map<String, Cost> freshCosts = costs(fresh, Instant.now(), Instant.now().minusMillis(1));

        longCosts.forEach((read, cost) -> {
            Cost freshCost = freshCosts.get(read);
            assertThat(cost.folded())
                    .as("%s: events folded, long %s vs fresh %s", read, cost, freshCost)
                    .isLessThanOrEqualTo(freshCost.folded() + ReadModel.SNAPSHOT_EVERY);
            assertThat(cost.rows())
                    .as("%s: version rows read, long %s vs fresh %s", read, cost, freshCost)
                    .isLessThanOrEqualTo(freshCost.rows() + 3L * PAGE + 3);
        });
        assertThat(longCosts.get("me")).isEqualTo(new Cost(0, 0));
        assertThat(longCosts.get("detail now")).isEqualTo(new Cost(0, 0));
    }

    /**
     * A page of the audit trail deep into the long history starts each view from its latest snapshot before the
     * page: it reads about as many events as the first page of a fresh account (it used to read and fold all the
     * 9,960 before it, so paging through a trail cost the square of its length), and shows the same changes as the
     * trail folded from the first event.
     */
    @Test
    void anAuditTrailPageDeepIntoALongHistoryReadsNoMoreEventsThanAFreshOnesFirstPage() {
        Projections.awaitAllCaughtUp(admin);
        int deep = VERSIONS - 2 * PAGE;
        long freshCost = eventsRead(() -> auditPage(fresh.accountId(), 0));
        long deepInLong = eventsRead(() -> auditPage(longOne.accountId(), deep));
        assertThat(deepInLong)
                .as("events read for a page at %d of %d, against %d for a fresh account", deep, VERSIONS, freshCost)
                .isLessThanOrEqualTo(freshCost + ReadModel.SNAPSHOT_EVERY + PAGE);

        List<Map<String, Object>> page = auditPage(longOne.accountId(), deep)
                .then()
                .statusCode(200)
                .extract()
                .path("");
        List<Map<String, Object>> whole = admin.request()
                .get("/api/audit/aggregates/" + longOne.accountId() + "/events")
                .then()
                .statusCode(200)
                .extract()
                .path("");
        assertThat(page).hasSize(PAGE).isEqualTo(whole.subList(deep, deep + PAGE));
    }

    /**
     * A request's correlation trail audits, of each object the request touched, the events it caused, each view
     * started from its latest snapshot before them: a change of the long account reads about as many events as one of
     * a fresh account (it used to read, fold and diff the whole history of every object touched, 10,000 events here,
     * to show one), and shows the same changes as the account's own trail.
     */
    @Test
    void aCorrelationTrailOfALongHistoryReadsNoMoreEventsThanOneOfAFreshAccount() {
        String onLong = "long-" + UUID.randomUUID();
        String onFresh = "fresh-" + UUID.randomUUID();
        longOne.request()
                .header("X-Correlation-Id", onLong)
                .body(Map.of("name", "Correlated long"))
                .patch("/api/me")
                .then()
                .statusCode(200);
        fresh.request()
                .header("X-Correlation-Id", onFresh)
                .body(Map.of("name", "Correlated fresh"))
                .patch("/api/me")
                .then()
                .statusCode(200);
        Projections.awaitAllCaughtUp(admin);

        long freshCost = eventsRead(() -> correlation(onFresh));
        long longCost = eventsRead(() -> correlation(onLong));
        assertThat(longCost)
                .as("events read for a correlation on a long history, against %d on a fresh one", freshCost)
                .isLessThanOrEqualTo(freshCost + ReadModel.SNAPSHOT_EVERY);

        Map<String, Object> correlated = correlation(onLong)
                .then()
                .statusCode(200)
                .body("events.size()", equalTo(1))
                .extract()
                .path("events[0]");
        assertThat(correlated).containsEntry("aggregateId", longOne.accountId());
        int sequence = (Integer) correlated.get("sequence");
        Map<String, Object> inTrail = admin.request()
                .queryParam("offset", sequence)
                .queryParam("limit", 1)
                .get("/api/audit/aggregates/" + longOne.accountId() + "/events")
                .then()
                .statusCode(200)
                .extract()
                .path("[0]");
        assertThat(correlated.get("changes"))
                .isEqualTo(inTrail.get("changes"))
                .asList()
                .isNotEmpty();
        assertThat(correlated.get("payload")).isEqualTo(inTrail.get("payload"));
    }

    private Response correlation(String correlationId) {
        return admin.request().get("/api/audit/correlations/" + correlationId);
    }

    /**
     * The whole trail of 10,000 events was built in memory before its first byte was sent, so a longer one (some
     * 60,000 events) passed a proxy's 10 s with nothing said. It is written as it is audited now: the first bytes
     * come long before the last.
     */
    @Test
    void theWholeTrailOfALongHistoryStartsBeforeItIsAudited() throws Exception {
        Projections.awaitAllCaughtUp(admin);
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(
                        "http://localhost:" + port + "/api/audit/aggregates/" + longOne.accountId() + "/events"))
                .header("Authorization", "Bearer " + admin.accessToken())
                .header("X-Forwarded-For", randomClientAddress())
                .build();
        // once to warm up: the first call of a code path in this JVM is interpreted
        client.send(request, HttpResponse.BodyHandlers.discarding());
        long started = System.nanoTime();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        long firstByte;
        long bytes;
        try (InputStream body = response.body()) {
            assertThat(body.read()).isEqualTo('[');
            firstByte = System.nanoTime() - started;
            bytes = 1 + body.transferTo(OutputStream.nullOutputStream());
        }
        long whole = System.nanoTime() - started;
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(bytes).isGreaterThan(1_000_000);
        assertThat(firstByte)
                .as("nanoseconds to the first byte of %d, against %d for all of them", bytes, whole)
                .isLessThan(whole / 3);
    }

    /**
     * The audit state of the long history, now and as of an instant deep into it, starts from the stored row or the
     * latest snapshot by then, as every read of a view does (it folded all 10,000 events), and is the fold of every
     * event recorded by then.
     */
    @Test
    void theAuditStateOfALongHistoryReadsNoMoreEventsThanAFreshOnes() throws Exception {
        Projections.awaitAllCaughtUp(admin);
        long freshCost = eventsRead(() -> auditState(fresh.accountId(), null));
        for (Instant asOf : new Instant[] {null, recordedAt(VERSIONS - 7), recordedAt(5001)}) {
            assertThat(eventsRead(() -> auditState(longOne.accountId(), asOf)))
                    .as("events read for the state as of %s, against %d for a fresh account", asOf, freshCost)
                    .isLessThanOrEqualTo(freshCost + ReadModel.SNAPSHOT_EVERY + 1);

            AccountView everyEvent = null;
            for (RecordedEvent event : history.eventsOf(longOne.accountId())) {
                if (asOf == null || !event.timestamp().isAfter(asOf)) {
                    everyEvent = accounts.apply(everyEvent, event);
                }
            }
            String state = auditState(longOne.accountId(), asOf)
                    .then()
                    .statusCode(200)
                    .extract()
                    .body()
                    .asString();
            assertThat(json.readTree(state).get(accounts.name()))
                    .as("the state as of %s", asOf)
                    .isEqualTo(json.readTree(json.writeValueAsString(everyEvent)));
        }
    }

    private Response auditState(String aggregateId, Instant asOf) {
        var request = admin.request();
        if (asOf != null) {
            request.queryParam("asOf", asOf.toString());
        }
        return request.get("/api/audit/aggregates/" + aggregateId + "/state");
    }

    private Response auditPage(String aggregateId, int offset) {
        return admin.request()
                .queryParam("offset", offset)
                .queryParam("limit", PAGE)
                .get("/api/audit/aggregates/" + aggregateId + "/events");
    }

    private long eventsRead(Supplier<Response> read) {
        long before = history.eventsRead();
        read.get().then().statusCode(200);
        return history.eventsRead() - before;
    }

    private Map<String, Cost> costs(Member member, Instant validAt, Instant knownAt) {
        String id = member.accountId();
        Map<String, Cost> costs = new LinkedHashMap<>();
        costs.put("me", cost(() -> member.request().get("/api/me")));
        costs.put("detail now", cost(() -> admin.request().get("/api/admin/users/" + id)));
        costs.put(
                "detail as of",
                cost(() -> admin.request()
                        .queryParam("asOf", validAt.toString())
                        .queryParam("knownAt", knownAt.toString())
                        .get("/api/admin/users/" + id)));
        costs.put(
                "history known at",
                cost(() -> admin.request()
                        .queryParam("knownAt", knownAt.toString())
                        .queryParam("limit", PAGE)
                        .get("/api/admin/users/" + id + "/history")));
        costs.put(
                "history page",
                cost(() -> admin.request()
                        .queryParam("offset", PAGE)
                        .queryParam("limit", PAGE)
                        .get("/api/admin/users/" + id + "/history")));
        return costs;
    }

    private Cost cost(Supplier<Response> read) {
        long folded = accounts.eventsFoldedForReads();
        long rows = versions.rowsRead();
        read.get().then().statusCode(200);
        return new Cost(accounts.eventsFoldedForReads() - folded, versions.rowsRead() - rows);
    }

    private record Cost(long folded, long rows) {}

    @Test
    void asOfAndKnownAtEqualTheFoldOfEveryEvent() {
        List<ProfileVersion> all = versionsOf(longOne.accountId());
        List<Instant> instants = new ArrayList<>(List.of(all.get(0).recordedAt(), base.minus(1, ChronoUnit.MICROS)));
        for (long sequence : new long[] {1, 49, 50, 5000, 5001, 7777, VERSIONS}) {
            instants.add(recordedAt(sequence));
            instants.add(recordedAt(sequence).minus(1, ChronoUnit.MICROS));
        }
        for (Instant knownAt : instants) {
            List<ProfileVersion> known = knownAt(all, knownAt);
            for (Instant validAt : instants) {
                Map<String, Object> body = admin.request()
                        .queryParam("asOf", validAt.toString())
                        .queryParam("knownAt", knownAt.toString())
                        .get("/api/admin/users/" + longOne.accountId())
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("");
                Profile expected = referenceProfileAt(known, validAt);
                assertThat(new Profile(
                                (String) body.get("name"),
                                (String) body.get("nickname"),
                                body.get("gender") == null ? null : Gender.valueOf((String) body.get("gender"))))
                        .as("as of %s known at %s", validAt, knownAt)
                        .isEqualTo(expected);
            }
            assertThat(historyPages(knownAt, 1000))
                    .as("history known at %s", knownAt)
                    .isEqualTo(render(referenceHistory(known)));
        }
    }

    @Test
    void historyPagesAndReadsBeforeTheProjectionStoredAChangeStayExact() throws Exception {
        int versionsBefore = versionsOf(longOne.accountId()).size();
        pause.pauseEverywhere(AccountReadModel.NAME, Duration.ofSeconds(30));
        List<ProfileVersion> all;
        try {
            longOne.request()
                    .body(Map.of("name", "Changed While Paused"))
                    .patch("/api/me")
                    .then()
                    .statusCode(200);
            all = versionsOf(longOne.accountId());
            assertThat(all).hasSize(versionsBefore + 1);
            longOne.request()
                    .get("/api/me")
                    .then()
                    .statusCode(200)
                    .body("name", org.hamcrest.Matchers.equalTo("Changed While Paused"));
            List<Map<String, Object>> expected = render(referenceHistory(all));
            assertThat(historyPages(null, 997)).isEqualTo(expected);
            assertThat(historyPages(null, 7).subList(0, 21)).isEqualTo(expected.subList(0, 21));
            // the page's end past an int: a page past the history, as when every change is stored
            admin.request()
                    .queryParam("offset", Integer.MAX_VALUE)
                    .queryParam("limit", 1000)
                    .get("/api/admin/users/" + longOne.accountId() + "/history")
                    .then()
                    .statusCode(200)
                    .body("size()", org.hamcrest.Matchers.equalTo(0));
            Instant now = Instant.now();
            admin.request()
                    .queryParam("asOf", now.toString())
                    .get("/api/admin/users/" + longOne.accountId())
                    .then()
                    .statusCode(200)
                    .body(
                            "name",
                            org.hamcrest.Matchers.equalTo(
                                    referenceProfileAt(all, now).name()));
        } finally {
            pause.resumeEverywhere(AccountReadModel.NAME);
        }
        seeding().awaitFolded(longOne.accountId(), all.get(all.size() - 1).sequence());
        assertThat(historyPages(null, 1000)).isEqualTo(render(referenceHistory(versionsOf(longOne.accountId()))));
    }

    @Test
    void aVerifiedReplayRebuildsTheVersionsAndTheSnapshotsAndRepairsADriftedSnapshot() {
        String id = longOne.accountId();
        assertThat(jdbc.sql(
                                "SELECT count(*) FROM read_model_snapshot WHERE read_model = 'accounts' AND aggregate_id = :id"
                                        + " AND sequence < :versions")
                        .param("id", id)
                        .param("versions", VERSIONS)
                        .query(Long.class)
                        .single())
                .isEqualTo((long) VERSIONS / ReadModel.SNAPSHOT_EVERY);
        Projections.assertReplayIdentical(admin, AccountReadModel.NAME);

        jdbc.sql("UPDATE read_model_snapshot SET view = jsonb_set(view, '{email}', '\"drifted@hindsight.test\"')"
                        + " WHERE read_model = 'accounts' AND aggregate_id = :id AND sequence = 99")
                .param("id", id)
                .update();
        // a row another read model owns in the shared table: the copy has none of those, and must leave it alone
        jdbc.sql("INSERT INTO read_model_snapshot (read_model, aggregate_id, sequence, recorded_at, view)"
                        + " SELECT 'another-read-model', aggregate_id, sequence, recorded_at, view FROM read_model_snapshot"
                        + " WHERE read_model = 'accounts' AND aggregate_id = :id AND sequence = 99")
                .param("id", id)
                .update();
        JsonPath status = Projections.replay(admin, AccountReadModel.NAME);
        int othersLeft = jdbc.sql("DELETE FROM read_model_snapshot WHERE read_model = 'another-read-model'")
                .update();
        assertThat(othersLeft).as("another read model's snapshot rows").isEqualTo(1);
        assertThat(status.getInt("differenceCount")).isEqualTo(1);
        assertThat(status.getString("differences[0].key")).isEqualTo("read_model_snapshot:accounts|" + id + "|99");
        assertThat(jdbc.sql("SELECT view ->> 'email' FROM read_model_snapshot WHERE read_model = 'accounts'"
                                + " AND aggregate_id = :id AND sequence = 99")
                        .param("id", id)
                        .query(String.class)
                        .single())
                .isEqualTo(longOne.email());
    }

    /**
     * A command to the long account on a node without its aggregate in memory (another node changed it last, or this
     * one restarted) loads it from the aggregate's snapshot and the events after it, not from 10,000 events, and
     * decides on the same state as from all of them.
     */
    @Test
    void commandsToALongHistoryLoadItFromASnapshotAndDecideAsOnAllItsEvents() {
        accountAggregates.removeAll();
        Map<String, Object> fromEvents = changeName(longOne, "Snapshot probe one");
        long snapshotAt = await().atMost(Duration.ofSeconds(30))
                .until(() -> latestAggregateSnapshot(longOne), at -> at > VERSIONS);

        accountAggregates.removeAll();
        Map<String, Object> fromSnapshot = changeName(longOne, "Snapshot probe two");
        Map<String, Object> expected = new LinkedHashMap<>(fromEvents);
        expected.put("name", "Snapshot probe two");
        assertThat(fromSnapshot).isEqualTo(expected);
        assertThat(latestAggregateSnapshot(longOne)).isEqualTo(snapshotAt);
    }

    private static Map<String, Object> changeName(Member member, String name) {
        return member.request()
                .body(Map.of("name", name))
                .patch("/api/me")
                .then()
                .statusCode(200)
                .extract()
                .path("");
    }

    private long latestAggregateSnapshot(Member member) {
        return jdbc.sql(
                        "SELECT coalesce(max(sequence_number), -1) FROM snapshot_event_entry WHERE aggregate_identifier = :id")
                .param("id", member.accountId())
                .query(Long.class)
                .single();
    }

    private List<Map<String, Object>> historyPages(Instant knownAt, int limit) {
        List<Map<String, Object>> entries = new ArrayList<>();
        while (true) {
            var request = admin.request().queryParam("offset", entries.size()).queryParam("limit", limit);
            if (knownAt != null) {
                request = request.queryParam("knownAt", knownAt.toString());
            }
            List<Map<String, Object>> page = request.get("/api/admin/users/" + longOne.accountId() + "/history")
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("");
            entries.addAll(page);
            if (page.size() < limit) {
                return entries;
            }
        }
    }

    private SeededAccountEvents seeding() {
        return new SeededAccountEvents(storage, transactions, jdbc);
    }

    private List<ProfileVersion> versionsOf(String accountId) {
        List<ProfileVersion> all = new ArrayList<>();
        for (RecordedEvent event : history.eventsOf(accountId)) {
            ProfileVersion.of(event).ifPresent(all::add);
        }
        return all;
    }

    private static List<ProfileVersion> knownAt(List<ProfileVersion> all, Instant knownAt) {
        return all.stream().filter(v -> !v.recordedAt().isAfter(knownAt)).toList();
    }

    // The answers as the view computed them when it kept the whole timeline, in recording order.

    private static Profile referenceProfileAt(List<ProfileVersion> timeline, Instant validAt) {
        Object[] values = new Object[3];
        Instant[] from = new Instant[3];
        for (ProfileVersion version : timeline) {
            if (version.effectiveFrom().isAfter(validAt)) {
                continue;
            }
            Object[] candidates = {version.name(), version.nickname(), version.gender()};
            for (int f = 0; f < 3; f++) {
                if (candidates[f] != null
                        && (from[f] == null || !version.effectiveFrom().isBefore(from[f]))) {
                    values[f] = candidates[f];
                    from[f] = version.effectiveFrom();
                }
            }
        }
        String nickname = (String) values[1];
        return new Profile(
                (String) values[0], nickname == null || nickname.isBlank() ? null : nickname, Gender.shown((Gender)
                        values[2]));
    }

    /** Each start with the profile in force there: a sweep over every version in valid-time order. */
    private static List<HistoryEntry> referenceHistory(List<ProfileVersion> timeline) {
        TreeMap<Instant, List<ProfileVersion>> byStart = new TreeMap<>();
        timeline.forEach(v -> byStart.computeIfAbsent(v.effectiveFrom(), k -> new ArrayList<>())
                .add(v));
        List<ProfileVersion> inForce = new ArrayList<>();
        List<HistoryEntry> entries = new ArrayList<>();
        for (var start : byStart.entrySet()) {
            inForce.addAll(start.getValue());
            Profile profile = referenceProfileAt(inForce, start.getKey());
            ProfileVersion latest = start.getValue().get(start.getValue().size() - 1);
            entries.add(new HistoryEntry(
                    start.getKey(),
                    byStart.higherKey(start.getKey()),
                    latest.recordedAt(),
                    profile.name(),
                    profile.nickname(),
                    profile.gender(),
                    latest.changedBy(),
                    latest.kind()));
            inForce = new ArrayList<>(List.of(collapsed(inForce)));
        }
        return entries;
    }

    /** The versions in force so far, each field's latest one: what a later start still sees of them. */
    private static ProfileVersion[] collapsed(List<ProfileVersion> inForce) {
        ProfileVersion[] latest = new ProfileVersion[3];
        for (ProfileVersion v : inForce) {
            Object[] fields = {v.name(), v.nickname(), v.gender()};
            for (int f = 0; f < 3; f++) {
                if (fields[f] != null) {
                    latest[f] = v;
                }
            }
        }
        List<ProfileVersion> kept = new ArrayList<>();
        for (int f = 0; f < 3; f++) {
            if (latest[f] != null) {
                ProfileVersion v = latest[f];
                kept.add(new ProfileVersion(
                        v.sequence(),
                        v.effectiveFrom(),
                        v.recordedAt(),
                        v.changedBy(),
                        v.kind(),
                        f == 0 ? v.name() : null,
                        f == 1 ? v.nickname() : null,
                        f == 2 ? v.gender() : null));
            }
        }
        return kept.toArray(ProfileVersion[]::new);
    }

    private static List<Map<String, Object>> render(List<HistoryEntry> entries) {
        return entries.stream()
                .map(e -> {
                    Map<String, Object> json = new LinkedHashMap<>();
                    json.put("validFrom", e.validFrom().toString());
                    json.put("validTo", e.validTo() == null ? null : e.validTo().toString());
                    json.put("recordedAt", e.recordedAt().toString());
                    json.put("name", e.name());
                    json.put("nickname", e.nickname());
                    json.put("gender", e.gender() == null ? null : e.gender().name());
                    json.put("changedBy", e.changedBy());
                    json.put("kind", e.kind().name());
                    return json;
                })
                .toList();
    }
}
