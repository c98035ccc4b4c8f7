package io.hindsight.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hindsight.account.AccountFold;
import io.hindsight.account.AccountView;
import io.hindsight.projection.EventHistory;
import io.hindsight.projection.RecordedEvent;
import io.hindsight.support.Api.Member;
import io.hindsight.support.EventStoreRows;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.Projections;
import io.hindsight.support.SeededAccountEvents;
import io.hindsight.support.StoredEvents;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

class AuditTrailIT extends IntegrationTest {

    @Autowired
    EventHistory history;

    @Autowired
    ObjectMapper json;

    @Autowired
    EventStorageEngine storage;

    @Autowired
    TransactionManager transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void everyEventOfAnAggregateComesWithActorCorrelationPayloadAndChangedFields() {
        Member member = api.signUp("Audited");
        member.request()
                .header("X-Correlation-Id", "audit-trail-1")
                .body(Map.of("name", "Audited Twice"))
                .patch("/api/me")
                .then()
                .statusCode(200);
        Member admin = api.admin();
        admin.request()
                .body(Map.of("roles", List.of("HOST")))
                .put("/api/admin/users/" + member.accountId() + "/roles")
                .then()
                .statusCode(200);

        Member auditor = api.withRoles("Auditor Of Trails", "AUDITOR");
        auditor.request()
                .get("/api/audit/aggregates/" + member.accountId() + "/events")
                .then()
                .statusCode(200)
                .body("size()", equalTo(3))
                .body("[0].sequence", equalTo(0))
                .body("[0].type", equalTo("AccountSignedUp"))
                .body("[0].actorId", equalTo(member.accountId()))
                .body("[0].payload.signUpMethod", equalTo("PASSWORD"))
                .body("[0].changes.field", hasItem("email"))
                .body("[1].type", equalTo("ProfileChanged"))
                .body("[1].correlationId", equalTo("audit-trail-1"))
                .body("[1].changes.field", contains("name"))
                .body("[1].changes[0].from", equalTo("Audited"))
                .body("[1].changes[0].to", equalTo("Audited Twice"))
                .body("[2].type", equalTo("RolesChanged"))
                .body("[2].actorId", equalTo(admin.accountId()))
                .body("[2].changes.field", contains("roles"))
                .body("[2].changes[0].from", contains("MEMBER"))
                .body("[2].changes[0].to", containsInAnyOrder("HOST", "MEMBER"));
    }

    /**
     * Pages were ranges of sequences: where events were deleted by hand, a page came back short or empty and a reader
     * taking a short page for the last stopped before the events after the gap, which an auditor must see.
     */
    @Test
    void aPageIsCountedInEventsSoAGapInTheSequencesEndsNoReading() {
        Member member = api.signUp("Gapped Trail");
        for (int i = 1; i <= 5; i++) {
            member.request()
                    .body(Map.of("name", "Gapped Trail " + i))
                    .patch("/api/me")
                    .then()
                    .statusCode(200);
        }
        Member auditor = api.withRoles("Auditor Of Gaps", "AUDITOR");
        String trail = "/api/audit/aggregates/" + member.accountId() + "/events";
        // rows taken out before the chainer hashed them are passed over for good, and put back they are reported as
        // inserted later: every verify of the whole chain after this test failed (ErasureIT on CI)
        StoredEvents events = new StoredEvents(jdbc);
        long first = events.chainedPositionOf(member.accountId(), 0);
        long last = events.chainedPositionOf(member.accountId(), 5);
        List<Map<String, Object>> taken = jdbc.sql("SELECT * FROM domain_event_entry"
                        + " WHERE aggregate_identifier = :id AND sequence_number IN (1, 2) ORDER BY sequence_number")
                .param("id", member.accountId())
                .query()
                .listOfRows();
        try {
            jdbc.sql("DELETE FROM domain_event_entry WHERE aggregate_identifier = :id AND sequence_number IN (1, 2)")
                    .param("id", member.accountId())
                    .update();

            auditor.request()
                    .get(trail + "?offset=0&limit=2")
                    .then()
                    .statusCode(200)
                    .body("sequence", contains(0, 3));
            auditor.request()
                    .get(trail + "?offset=1&limit=2")
                    .then()
                    .statusCode(200)
                    .body("sequence", contains(3, 4));
            auditor.request()
                    .get(trail + "?offset=4&limit=2")
                    .then()
                    .statusCode(200)
                    .body("sequence", contains(4, 5));
            auditor.request()
                    .get(trail + "?offset=6&limit=2")
                    .then()
                    .statusCode(200)
                    .body("size()", equalTo(0));
            auditor.request().get(trail).then().statusCode(200).body("sequence", contains(0, 3, 4, 5));
        } finally {
            taken.forEach(row -> EventStoreRows.putBack(jdbc, transactionManager, row));
        }
        auditor.request()
                .get(trail + "?offset=0&limit=2")
                .then()
                .statusCode(200)
                .body("sequence", contains(0, 1));
        api.admin()
                .request()
                .queryParam("from", first)
                .queryParam("to", last)
                .get("/api/audit/verify")
                .then()
                .statusCode(200)
                .body("verified", equalTo(true));
    }

    /** The trail of a long-lived aggregate came whole, every change of thousands in one answer. */
    @Test
    void aLongTrailCanBeReadAPageAtATimeWithTheChangesOfEachEvent() {
        Member member = api.signUp("Paged Trail");
        for (int i = 1; i <= 4; i++) {
            member.request()
                    .body(Map.of("name", "Paged Trail " + i))
                    .patch("/api/me")
                    .then()
                    .statusCode(200);
        }
        Member auditor = api.withRoles("Auditor Of Pages", "AUDITOR");
        String trail = "/api/audit/aggregates/" + member.accountId() + "/events";

        auditor.request()
                .get(trail + "?offset=2&limit=2")
                .then()
                .statusCode(200)
                .body("sequence", contains(2, 3))
                .body("[0].changes[0].from", equalTo("Paged Trail 1"))
                .body("[0].changes[0].to", equalTo("Paged Trail 2"));
        auditor.request()
                .get(trail + "?offset=4")
                .then()
                .statusCode(200)
                .body("sequence", contains(4))
                .body("[0].changes[0].from", equalTo("Paged Trail 3"));
        auditor.request().get(trail + "?offset=9").then().statusCode(200).body("size()", equalTo(0));
        auditor.request().get(trail + "?limit=1").then().statusCode(200).body("sequence", contains(0));
        auditor.request().get(trail).then().statusCode(200).body("size()", equalTo(5));
        auditor.request().get(trail + "?limit=1001").then().statusCode(400).body("code", equalTo("LIMIT_TOO_LARGE"));
        auditor.request().get(trail + "?offset=-1").then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        auditor.request()
                .get("/api/audit/aggregates/00000000-0000-0000-0000-000000000000/events?limit=5")
                .then()
                .statusCode(404);
        // the whole trail is written as it is audited, yet an unknown aggregate is still refused before any of it
        auditor.request()
                .get("/api/audit/aggregates/00000000-0000-0000-0000-000000000000/events")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("NOT_FOUND"));
        auditor.request()
                .accept("application/xml")
                .get(trail)
                .then()
                .statusCode(406)
                .body("code", equalTo("NOT_ACCEPTABLE"));
    }

    /** An account id in capitals, as the other endpoints read it, was no aggregate to the audit trail (404). */
    @Test
    void anAggregateIdOfTheUuidFormIsReadInAnyLetterCase() {
        Member member = api.signUp("Trail In Capitals");
        Member auditor = api.withRoles("Capitals Trail Auditor", "AUDITOR");
        String upper = "/api/audit/aggregates/" + member.accountId().toUpperCase();
        auditor.request().get(upper + "/events").then().statusCode(200).body("[0].type", equalTo("AccountSignedUp"));
        auditor.request()
                .get(upper + "/events?limit=1")
                .then()
                .statusCode(200)
                .body("[0].type", equalTo("AccountSignedUp"));
        auditor.request()
                .get(upper + "/state")
                .then()
                .statusCode(200)
                .body("accounts.accountId", equalTo(member.accountId()));
    }

    @Test
    void theAuditTrailIsForAdminsAndAuditorsOnly() {
        Member member = api.signUp("Nosy");
        member.request()
                .get("/api/audit/aggregates/" + member.accountId() + "/events")
                .then()
                .statusCode(403);
        client().get("/api/audit/aggregates/" + member.accountId() + "/events")
                .then()
                .statusCode(401);
        api.admin()
                .request()
                .get("/api/audit/aggregates/00000000-0000-0000-0000-000000000000/events")
                .then()
                .statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void asOfAnyInstantEqualsTheFoldOfTheEventsRecordedUpToThen() throws Exception {
        Member member = api.signUp("Folded");
        for (int i = 1; i <= 4; i++) {
            member.request()
                    .body(Map.of("name", "Folded " + i, "nickname", "f" + i + System.nanoTime() % 100000))
                    .patch("/api/me")
                    .then()
                    .statusCode(200);
        }
        Member admin = api.admin();
        admin.request()
                .body(Map.of("effectiveFrom", Instant.now().toString(), "name", "Folded Fixed"))
                .post("/api/admin/users/" + member.accountId() + "/corrections")
                .then()
                .statusCode(201);

        List<RecordedEvent> events = history.eventsOf(member.accountId());
        List<Instant> instants = new ArrayList<>();
        for (RecordedEvent event : events) {
            instants.add(event.timestamp().minusMillis(1));
            instants.add(event.timestamp());
            instants.add(event.timestamp().plusMillis(1));
        }
        AccountFold fold = new AccountFold();
        for (Instant instant : instants) {
            AccountView expected = null;
            for (RecordedEvent event : events) {
                if (!event.timestamp().isAfter(instant)) {
                    expected = fold.apply(expected, event);
                }
            }
            String body = admin.request()
                    .queryParam("asOf", instant.toString())
                    .get("/api/audit/aggregates/" + member.accountId() + "/state")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            JsonNode actual = json.readTree(body).get("accounts");
            assertThat(actual).as("state as of %s", instant).isEqualTo(json.valueToTree(expected));
        }
    }

    /**
     * The state without {@code asOf} is the state after every event. It was the state as of this node's clock, so
     * an event recorded by a node whose clock runs ahead (or before this node's clock was set back) was left out
     * of it until the clock caught up, though the event list and every read model showed it.
     */
    @Test
    void theStateNowHoldsAnEventRecordedByANodeWhoseClockIsAhead() throws Exception {
        Member admin = api.admin();
        Member member = api.signUp("Audit Ahead");
        Instant ahead = Instant.now().plus(Duration.ofMinutes(2));
        new SeededAccountEvents(storage, transactions, jdbc)
                .renamedAt(member.accountId(), "Audit Ahead Renamed", ahead);

        String body = admin.request()
                .get("/api/audit/aggregates/" + member.accountId() + "/state")
                .then()
                .statusCode(200)
                .extract()
                .asString();

        assertThat(json.readTree(body).at("/accounts/profile/name/value").asText())
                .isEqualTo("Audit Ahead Renamed");
    }

    /**
     * An event whose stored bytes no longer read (a store edited by hand) made every feed page and trail holding it a
     * 500, so a feed reader could never get past it. It is now served in its place, its payload null and said to be
     * unreadable, and the events around it as they are.
     */
    @Test
    void anEventThatNoLongerReadsIsShownAsUnreadableAndTheFeedGoesOnPastIt() {
        Member admin = api.admin();
        Member member = api.signUp("Unreadable Middle");
        for (String name : List.of("Unreadable Middle Two", "Unreadable Middle Three")) {
            member.request()
                    .header("X-Correlation-Id", "unreadable-" + member.accountId())
                    .body(Map.of("name", name))
                    .patch("/api/me")
                    .then()
                    .statusCode(200);
        }
        Projections.awaitAllCaughtUp(admin);
        StoredEvents events = new StoredEvents(jdbc);
        long position = events.chainedPositionOf(member.accountId(), 1);
        byte[] original = events.payload(position);
        String trail = "/api/audit/aggregates/" + member.accountId() + "/events";
        try {
            events.overwritePayload(position, "not json".getBytes(StandardCharsets.UTF_8));

            admin.request()
                    .get(trail)
                    .then()
                    .statusCode(200)
                    .body("sequence", contains(0, 1, 2))
                    .body("[1].type", equalTo("ProfileChanged"))
                    .body("[1].payload", nullValue())
                    .body("[1].changes", empty())
                    .body("[1].correlationId", equalTo("unreadable-" + member.accountId()))
                    .body("[1].unreadable", containsString("io.hindsight.account.api.ProfileChanged"))
                    .body("[0]", not(hasKey("unreadable")))
                    .body("[2].payload.changes.name", equalTo("Unreadable Middle Three"));
            admin.request()
                    .get(trail + "?offset=1&limit=2")
                    .then()
                    .statusCode(200)
                    .body("sequence", contains(1, 2))
                    .body("[0].unreadable", notNullValue());
            admin.request()
                    .get("/api/audit/correlations/unreadable-" + member.accountId())
                    .then()
                    .statusCode(200)
                    .body("events.sequence", contains(1, 2))
                    .body("events[0].unreadable", notNullValue());
            admin.request()
                    .queryParam("after", position - 1)
                    .queryParam("limit", 2)
                    .get("/api/events")
                    .then()
                    .statusCode(200)
                    .body("items[0].position", equalTo((int) position))
                    .body("items[0].type", equalTo("ProfileChanged"))
                    .body("items[0].payload", nullValue())
                    .body("items[0].unreadable", containsString("ProfileChanged"))
                    .body("items[0].correlationId", equalTo("unreadable-" + member.accountId()))
                    .body("items[1]", not(hasKey("unreadable")))
                    .body("items[1].payload", notNullValue());
        } finally {
            events.overwritePayload(position, original);
        }
        admin.request()
                .get(trail)
                .then()
                .statusCode(200)
                .body("[1].payload.changes.name", equalTo("Unreadable Middle Two"));
        Projections.awaitAllCaughtUp(admin);
    }
}
