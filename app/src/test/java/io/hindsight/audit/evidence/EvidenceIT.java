package io.hindsight.audit.evidence;

import static io.hindsight.audit.evidence.EvidenceCalls.checkpointNow;
import static io.hindsight.audit.evidence.EvidenceCalls.number;
import static io.hindsight.audit.evidence.EvidenceCalls.proof;
import static io.hindsight.audit.evidence.EvidenceCalls.publishedKeys;
import static io.hindsight.support.IntegrationTest.client;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;

import io.hindsight.support.Api.Member;
import io.hindsight.support.EventStoreRows;
import io.hindsight.support.IntegrationTest;
import io.hindsight.support.SecondNode;
import io.hindsight.support.StandaloneApp;
import io.hindsight.support.StoredEvents;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Tamper evidence end to end. The database is shared with every other test class, so each test tampers
 * only with events it made itself, verifies only their positions, and puts back what it changed.
 */
class EvidenceIT extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    private StoredEvents events;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    SigningKey nodeKey;

    @Autowired
    KeyEndorsements endorsements;

    @Autowired
    Environment environment;

    @Autowired
    DataSource dataSource;

    @Autowired
    StringRedisTemplate redis;

    @BeforeEach
    void tamperedThroughSql() {
        events = new StoredEvents(jdbc);
    }

    @Test
    void canProveEventsInSignedCheckpointsWithNothingButTheJdk() throws Exception {
        Member admin = api.admin();
        Member auditor = api.withRoles("Evidence Auditor", "AUDITOR");
        Member first = api.signUp("Evidence Proof One");
        Map<String, Object> earlier = checkpointNow(admin);
        Member second = api.signUp("Evidence Proof Two");
        rename(second, "Evidence Proof Two Renamed");
        Member third = api.signUp("Evidence Proof Three");
        Map<String, Object> later = checkpointNow(admin);

        assertThat(number(later, "checkpointId")).isEqualTo(number(earlier, "checkpointId") + 1);
        assertThat(later.get("previousChainHead")).isEqualTo(earlier.get("chainHead"));
        assertThat(number(later, "firstIndex")).isEqualTo(number(earlier, "firstIndex") + number(earlier, "treeSize"));
        Map<String, Object> keys = publishedKeys();
        for (Member member : List.of(first, second, third)) {
            for (long position : positionsOf(member)) {
                Map<String, Object> proof = proof(auditor, position);
                OutsiderCheck.assertProofHolds(proof, keys);
                assertThat(proof.get("storedEventMatches")).isEqualTo(true);
                Map<String, Object> covering = member == first ? earlier : later;
                assertThat(((Map<?, ?>) proof.get("checkpoint")).get("checkpointId"))
                        .isEqualTo(covering.get("checkpointId"));
            }
        }
        assertThat(OutsiderCheck.signatureVerifies(
                        keys,
                        (String) later.get("keyId"),
                        Base64.getDecoder().decode((String) earlier.get("statement")),
                        (String) later.get("signature")))
                .as("a signature belongs to its own statement only")
                .isFalse();
    }

    @Test
    void aProofNeedsACheckpointAndAnEvent() {
        Member admin = api.admin();
        checkpointNow(admin);
        Member member = api.signUp("Evidence Waiting");
        long position = positionsOf(member).get(0);
        events.awaitChained(position);

        admin.request()
                .get("/api/audit/events/" + position + "/proof")
                .then()
                .statusCode(409)
                .body("code", equalTo("NOT_YET_CHECKPOINTED"));
        checkpointNow(admin);
        admin.request().get("/api/audit/events/" + position + "/proof").then().statusCode(200);
        admin.request()
                .get("/api/audit/events/" + Long.MAX_VALUE + "/proof")
                .then()
                .statusCode(404)
                .body("code", equalTo("EVIDENCE_NOT_FOUND"));
        admin.request().get("/api/audit/events/0/proof").then().statusCode(400);
        admin.request().get("/api/audit/events/first/proof").then().statusCode(400);
        admin.request()
                .get("/api/audit/checkpoints/" + Long.MAX_VALUE)
                .then()
                .statusCode(404)
                .body("code", equalTo("CHECKPOINT_NOT_FOUND"));
    }

    @Test
    void verifyNamesTheStoredEventChangedByOneByte() throws Exception {
        Member admin = api.admin();
        Member member = api.signUp("Evidence Tamper");
        long position = positionsOf(member).get(0);
        events.awaitChained(position);
        checkpointNow(admin);
        verify(admin, position, position).then().body("verified", equalTo(true)).body("checked", equalTo(1));
        byte[] original = events.payload(position);
        try {
            int changed = jdbc.sql("UPDATE domain_event_entry SET payload = set_byte(payload,"
                            + " position('PASSWORD'::bytea in payload) - 1, ascii('p')) WHERE global_index = :p")
                    .param("p", position)
                    .update();
            assertThat(changed).isEqualTo(1);
            assertThat(events.payload(position)).hasSameSizeAs(original).isNotEqualTo(original);

            verify(admin, position, position)
                    .then()
                    .statusCode(200)
                    .body("verified", equalTo(false))
                    .body("firstBrokenPosition", equalTo((int) position))
                    .body("problem", equalTo("ALTERED"))
                    .body("problems.size()", equalTo(1));
            Map<String, Object> proof = proof(admin, position);
            assertThat(proof.get("storedEventMatches")).isEqualTo(false);
            byte[] leaf = Base64.getDecoder().decode((String) proof.get("leaf"));
            assertThat(HexFormat.of().formatHex(OutsiderCheck.sha256(new byte[] {0}, leaf)))
                    .as("the altered event is not the leaf the checkpoint signed")
                    .isNotEqualTo(proof.get("leafHash"));
        } finally {
            events.overwritePayload(position, original);
        }
        verify(admin, position, position).then().body("verified", equalTo(true));
    }

    @Test
    void verifyReportsADeletedEventAsMissing() {
        Member admin = api.admin();
        Member member = api.signUp("Evidence Gone");
        rename(member, "Evidence Gone Soon");
        List<Long> positions = positionsOf(member);
        long first = positions.get(0);
        long deleted = positions.get(1);
        events.awaitChained(deleted);
        Map<String, Object> row = jdbc.sql("SELECT * FROM domain_event_entry WHERE global_index = :p")
                .param("p", deleted)
                .query()
                .singleRow();
        try {
            jdbc.sql("DELETE FROM domain_event_entry WHERE global_index = :p")
                    .param("p", deleted)
                    .update();

            verify(admin, first, deleted)
                    .then()
                    .statusCode(200)
                    .body("verified", equalTo(false))
                    .body("firstBrokenPosition", equalTo((int) deleted))
                    .body("problem", equalTo("MISSING"))
                    .body("checked", equalTo(2));
        } finally {
            putBack(row);
        }
        verify(admin, first, deleted).then().body("verified", equalTo(true));
    }

    @Test
    void anEventThatCommitsLateIsChainedInItsPlace() throws Exception {
        Member admin = api.admin();
        Member member = api.signUp("Evidence Late");
        rename(member, "Evidence Late Again");
        long changed = positionsOf(member).get(1);
        Map<String, Object> change = jdbc.sql("SELECT * FROM domain_event_entry WHERE global_index = :p")
                .param("p", changed)
                .query()
                .singleRow();
        long late;
        try (Connection slowWriter = dataSource.getConnection()) {
            slowWriter.setAutoCommit(false);
            try (PreparedStatement insert = slowWriter.prepareStatement(
                    "INSERT INTO domain_event_entry"
                            + " (aggregate_identifier, sequence_number, type, event_identifier, meta_data, payload,"
                            + " payload_revision, payload_type, time_stamp) VALUES (?, 2, ?, ?, ?, ?, ?, ?, ?) RETURNING global_index")) {
                insert.setString(1, member.accountId());
                insert.setString(2, (String) change.get("type"));
                insert.setString(3, UUID.randomUUID().toString());
                insert.setBytes(4, (byte[]) change.get("meta_data"));
                insert.setBytes(5, (byte[]) change.get("payload"));
                insert.setString(6, (String) change.get("payload_revision"));
                insert.setString(7, (String) change.get("payload_type"));
                insert.setString(8, (String) change.get("time_stamp"));
                try (ResultSet position = insert.executeQuery()) {
                    position.next();
                    late = position.getLong(1);
                }
            }
            long after = positionsOf(api.signUp("Evidence Commits First")).get(0);
            assertThat(after).isGreaterThan(late);

            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> chainedThrough() < late);
            slowWriter.commit();

            events.awaitChained(after);
            events.awaitChained(late);
            verify(admin, late, after)
                    .then()
                    .statusCode(200)
                    .body("verified", equalTo(true))
                    .body(
                            "checked",
                            equalTo(jdbc.sql("SELECT count(*)::int FROM domain_event_entry"
                                            + " WHERE global_index BETWEEN :late AND :after")
                                    .param("late", late)
                                    .param("after", after)
                                    .query(Integer.class)
                                    .single()));
        }
    }

    @Test
    void aPositionThatNeverCommitsIsAbsentButAnEventInsertedThereLaterIsReported() {
        Member admin = api.admin();
        long burned = jdbc.sql("SELECT nextval('domain_event_entry_global_index_seq')")
                .query(Long.class)
                .single();
        api.signUp("Evidence After A Gap");
        await().atMost(Duration.ofSeconds(30)).until(() -> chainedThrough() >= burned);
        verify(admin, burned, burned)
                .then()
                .statusCode(200)
                .body("verified", equalTo(true))
                .body("checked", equalTo(0));
        admin.request()
                .get("/api/audit/events/" + burned + "/proof")
                .then()
                .statusCode(404)
                .body("code", equalTo("EVIDENCE_NOT_FOUND"));
        try {
            putBack(Map.of(
                    "global_index",
                    burned,
                    "aggregate_identifier",
                    "evidence-forged-" + burned,
                    "sequence_number",
                    0L,
                    "event_identifier",
                    "evidence-forged-" + burned,
                    "payload",
                    "{}".getBytes(),
                    "payload_type",
                    "io.hindsight.audit.evidence.ForgedEvent",
                    "time_stamp",
                    "2020-01-01T00:00:00Z"));

            verify(admin, burned, burned)
                    .then()
                    .statusCode(200)
                    .body("verified", equalTo(false))
                    .body("firstBrokenPosition", equalTo((int) burned))
                    .body("problem", equalTo("UNCHAINED"));
        } finally {
            jdbc.sql("DELETE FROM domain_event_entry WHERE global_index = :p")
                    .param("p", burned)
                    .update();
        }
    }

    @Test
    void verifyNoticesAChainRewrittenToMatchATamperedEvent() {
        Member admin = api.admin();
        Member member = api.signUp("Evidence Rewrite");
        long position = positionsOf(member).get(0);
        events.awaitChained(position);
        checkpointNow(admin);
        byte[] originalPayload = events.payload(position);
        byte[] originalLeaf = chainedLeaf(position);
        try {
            jdbc.sql("UPDATE domain_event_entry SET payload = set_byte(payload,"
                            + " position('PASSWORD'::bytea in payload) - 1, ascii('p')) WHERE global_index = :p")
                    .param("p", position)
                    .update();
            StoredEvent tampered = jdbc.sql(
                            "SELECT " + StoredEvent.COLUMNS + " FROM domain_event_entry" + " WHERE global_index = :p")
                    .param("p", position)
                    .query((rs, n) -> StoredEvent.read(rs))
                    .single();
            setChainedLeaf(position, tampered.leafHash());

            Map<String, Object> report = verify(admin, position, position)
                    .then()
                    .statusCode(200)
                    .body("verified", equalTo(false))
                    .body("firstBrokenPosition", equalTo((int) position))
                    .extract()
                    .path("");
            assertThat(((List<Map<String, Object>>) report.get("problems"))
                            .stream().map(p -> p.get("problem")))
                    .contains("CHAIN_BROKEN", "CHECKPOINT_MISMATCH")
                    .doesNotContain("ALTERED");
        } finally {
            setChainedLeaf(position, originalLeaf);
            events.overwritePayload(position, originalPayload);
        }
        verify(admin, position, position).then().body("verified", equalTo(true));
    }

    /**
     * Someone who can write to the database rolls the checkpoints back (and could then rewrite events and chain entries
     * after that point): the node signed the same ids over the rewritten history, and nothing in the database told it
     * from the real one. The node keeps the last checkpoint it signed beside its key, refuses to sign that id again,
     * and verify reports the checkpoint as not the one it signed.
     */
    @Test
    void checkpointsRolledBackAreNotSignedAgainAndAreReported() {
        Member admin = api.admin();
        Member member = api.signUp("Evidence Rolled Back");
        long position = positionsOf(member).get(0);
        events.awaitChained(position);
        checkpointNow(admin);
        Map<String, Object> latest = jdbc.sql("SELECT * FROM evidence_checkpoints ORDER BY checkpoint_id DESC LIMIT 1")
                .query()
                .singleRow();
        long lastPosition = ((Number) latest.get("last_position")).longValue();
        try {
            jdbc.sql("DELETE FROM evidence_checkpoints WHERE checkpoint_id = :id")
                    .param("id", latest.get("checkpoint_id"))
                    .update();
            admin.request()
                    .post("/api/audit/checkpoints")
                    .then()
                    .statusCode(409)
                    .body("code", equalTo("CHAIN_BROKEN"))
                    .body("detail", containsString("signed checkpoint " + latest.get("checkpoint_id") + " already"));
            verify(admin, position, lastPosition)
                    .then()
                    .statusCode(200)
                    .body("verified", equalTo(false))
                    .body(
                            "problems.find { it.position == " + lastPosition + " }.detail",
                            containsString("is not the one this node signed"));
        } finally {
            putBackCheckpoint(latest);
        }
        verify(admin, position, lastPosition).then().body("verified", equalTo(true));
        checkpointNow(admin);
    }

    /**
     * The rollback of the test above, done to a checkpoint another query node signed: each node kept only its own
     * record, so this node signed that id again over whatever the database now held, and its verify found nothing.
     * The record each node shares in Redis guards it here too; one written into Redis by hand raises no alarm.
     */
    @Test
    void checkpointsAnotherNodeSignedAreNotSignedAgainWhenRolledBackAndAreReported() throws Exception {
        Member admin = api.admin();
        Member member = api.signUp("Evidence Rolled Back Elsewhere");
        long position = positionsOf(member).get(0);
        redis.opsForHash()
                .put(
                        "hs:evidence:last-signed",
                        "0123456789abcdef",
                        Long.MAX_VALUE + " " + position + " " + "00".repeat(32) + " bm90IHNlYWxlZA==");
        try {
            rollBackACheckpointSignedElsewhere(admin, member, position);
        } finally {
            redis.opsForHash().delete("hs:evidence:last-signed", "0123456789abcdef");
        }
    }

    private void rollBackACheckpointSignedElsewhere(Member admin, Member member, long position) throws Exception {
        Map<String, Object> signedThere;
        try (StandaloneApp second = SecondNode.start(environment, "hindsight.roles=query")) {
            signedThere = aCheckpointSignedOn(second, admin, member);
        }
        Map<String, Object> lastSignedThere = jdbc.sql("SELECT checkpoint_id, last_position FROM evidence_checkpoints"
                        + " WHERE key_id = :key ORDER BY checkpoint_id DESC LIMIT 1")
                .param("key", signedThere.get("keyId"))
                .query()
                .singleRow();
        long rolledBack = ((Number) lastSignedThere.get("checkpoint_id")).longValue();
        long lastPosition = ((Number) lastSignedThere.get("last_position")).longValue();
        List<Map<String, Object>> removed = jdbc.sql(
                        "SELECT * FROM evidence_checkpoints WHERE checkpoint_id >= :id ORDER BY checkpoint_id")
                .param("id", rolledBack)
                .query()
                .listOfRows();
        try {
            jdbc.sql("DELETE FROM evidence_checkpoints WHERE checkpoint_id >= :id")
                    .param("id", rolledBack)
                    .update();
            admin.request()
                    .post("/api/audit/checkpoints")
                    .then()
                    .statusCode(409)
                    .body("code", equalTo("CHAIN_BROKEN"))
                    .body(
                            "detail",
                            containsString("the node with key " + signedThere.get("keyId") + " signed checkpoint "
                                    + rolledBack + " already"));
            verify(admin, position, lastPosition)
                    .then()
                    .statusCode(200)
                    .body("verified", equalTo(false))
                    .body(
                            "problems.find { it.position == " + lastPosition + " }.detail",
                            containsString("is not the one the node with key " + signedThere.get("keyId") + " signed"));
        } finally {
            jdbc.sql("DELETE FROM evidence_checkpoints WHERE checkpoint_id >= :id")
                    .param("id", rolledBack)
                    .update();
            removed.forEach(this::putBackCheckpoint);
        }
        verify(admin, position, lastPosition).then().body("verified", equalTo(true));
        checkpointNow(admin);
    }

    /**
     * operations.md tells an operator to set a new JWT secret to end every session after a restore, and the seals
     * that endorse the evidence keys were keyed from it: under a new secret no key was published and every checkpoint
     * failed its signature, new ones too. A node now endorses its own key again under the secret of now, and the keys
     * endorsed under a secret listed as previous.
     */
    @Test
    void evidenceKeysStayEndorsedUnderANewJwtSecret() throws Exception {
        Member member = api.signUp("Evidence New Secret");
        Path dataDirectory = Files.createTempDirectory("hindsight-new-secret");
        List<Map<String, Object>> endorsedBefore = jdbc.sql("SELECT key_id, endorsement FROM evidence_keys")
                .query()
                .listOfRows();
        String secret = environment.getRequiredProperty("hindsight.jwt.secret");
        String newSecret = "a new secret for the cluster, " + UUID.randomUUID();
        String combined = "hindsight.roles=command,query";
        Map<String, Object> signedThere;
        try {
            try (StandaloneApp second = SecondNode.startIn(dataDirectory, environment, combined)) {
                Member admin = logInOn(second);
                signedThere = aCheckpointSignedOn(second, admin, member);
            }
            String secondKey = (String) signedThere.get("keyId");
            long position = number(signedThere, "lastPosition");
            try (StandaloneApp second =
                    SecondNode.startIn(dataDirectory, environment, combined, "hindsight.jwt.secret=" + newSecret)) {
                assertThat(keyIdsPublishedBy(second)).contains(secondKey).doesNotContain(nodeKey.keyId());
                verifyOn(second, position, position).then().statusCode(200).body("verified", equalTo(true));
            }
            try (StandaloneApp second = SecondNode.startIn(
                    dataDirectory,
                    environment,
                    combined,
                    "hindsight.jwt.secret=" + newSecret,
                    "hindsight.jwt.previous-secrets=" + secret)) {
                assertThat(keyIdsPublishedBy(second)).contains(secondKey, nodeKey.keyId());
                long primaryPosition = jdbc.sql("SELECT last_position FROM evidence_checkpoints WHERE key_id = :key"
                                + " ORDER BY checkpoint_id DESC LIMIT 1")
                        .param("key", nodeKey.keyId())
                        .query(Long.class)
                        .single();
                verifyOn(second, primaryPosition, primaryPosition)
                        .then()
                        .statusCode(200)
                        .body("verified", equalTo(true));
            }
        } finally {
            for (Map<String, Object> key : endorsedBefore) {
                jdbc.sql("UPDATE evidence_keys SET endorsement = :endorsement WHERE key_id = :id")
                        .param("endorsement", key.get("endorsement"))
                        .param("id", key.get("key_id"))
                        .update();
            }
            // the second node's key, registered under this cluster's secret and endorsed under the new one since:
            // left so, every later verify of the whole chain found its checkpoints SIGNATURE_INVALID (ErasureIT)
            List<Object> keptBefore =
                    endorsedBefore.stream().map(key -> key.get("key_id")).toList();
            for (Map<String, Object> key : jdbc.sql("SELECT key_id, algorithm, public_key FROM evidence_keys")
                    .query()
                    .listOfRows()) {
                if (!keptBefore.contains(key.get("key_id"))) {
                    jdbc.sql("UPDATE evidence_keys SET endorsement = :endorsement WHERE key_id = :id")
                            .param(
                                    "endorsement",
                                    endorsements.of((String) key.get("key_id"), (String) key.get("algorithm"), (byte[])
                                            key.get("public_key")))
                            .param("id", key.get("key_id"))
                            .update();
                }
            }
        }
        assertThat(((List<Map<String, Object>>) publishedKeys().get("keys"))
                        .stream().map(k -> k.get("keyId")))
                .contains(nodeKey.keyId(), signedThere.get("keyId"));
        long signedThereUpTo = number(signedThere, "lastPosition");
        verify(api.admin(), signedThereUpTo, signedThereUpTo)
                .then()
                .statusCode(200)
                .body("verified", equalTo(true));
    }

    private static Response verifyOn(StandaloneApp node, long from, long to) {
        return logInOn(node)
                .request()
                .port(node.port())
                .queryParam("from", from)
                .queryParam("to", to)
                .get("/api/audit/verify");
    }

    private static Member logInOn(StandaloneApp node) {
        Response response = client().port(node.port())
                .body(Map.of("email", IntegrationTest.ADMIN_EMAIL, "password", IntegrationTest.ADMIN_PASSWORD))
                .post("/api/auth/login");
        response.then().statusCode(200);
        return new Member(
                response.path("accountId"),
                IntegrationTest.ADMIN_EMAIL,
                IntegrationTest.ADMIN_PASSWORD,
                response.path("accessToken"),
                response.path("refreshToken"));
    }

    /** A checkpoint the other node signed with its own key: the member changes until one is due there. */
    private Map<String, Object> aCheckpointSignedOn(StandaloneApp node, Member admin, Member member) {
        return await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> {
                            rename(member, "Evidence Elsewhere " + System.nanoTime() % 1000);
                            return checkpointOn(admin, node);
                        },
                        latest -> !nodeKey.keyId().equals(latest.get("keyId")));
    }

    private static Map<String, Object> checkpointOn(Member admin, StandaloneApp node) {
        return admin.request()
                .port(node.port())
                .post("/api/audit/checkpoints")
                .then()
                .statusCode(oneOf(200, 201))
                .extract()
                .path("");
    }

    private static List<String> keyIdsPublishedBy(StandaloneApp node) {
        return client().port(node.port())
                .get("/.well-known/hindsight/keys")
                .then()
                .statusCode(200)
                .extract()
                .path("keys.keyId");
    }

    @Test
    void aCheckpointDeletedOrMovedAwayIsReportedNotTakenForOneToCome() {
        Member admin = api.admin();
        Member member = api.signUp("Evidence Lost Checkpoint");
        long position = positionsOf(member).get(0);
        events.awaitChained(position);
        long covering = number(checkpointNow(admin), "checkpointId");
        rename(member, "Evidence Lost Checkpoint Later");
        checkpointNow(admin);
        Map<String, Object> row = jdbc.sql("SELECT * FROM evidence_checkpoints WHERE checkpoint_id = :id")
                .param("id", covering)
                .query()
                .singleRow();
        try {
            jdbc.sql("DELETE FROM evidence_checkpoints WHERE checkpoint_id = :id")
                    .param("id", covering)
                    .update();
            assertLostCheckpointReported(admin, position);

            putBackCheckpoint(row);
            jdbc.sql("UPDATE evidence_checkpoints SET first_index = -5 WHERE checkpoint_id = :id")
                    .param("id", covering)
                    .update();
            assertLostCheckpointReported(admin, position);

            jdbc.sql("UPDATE evidence_checkpoints SET first_index = :first, tree_size = 2147483647"
                            + " WHERE checkpoint_id = :id")
                    .param("first", row.get("first_index"))
                    .param("id", covering)
                    .update();
            // was 500: the verifier sized a list by the claimed tree (OutOfMemoryError)
            assertLostCheckpointReported(admin, position);
        } finally {
            jdbc.sql("DELETE FROM evidence_checkpoints WHERE checkpoint_id = :id")
                    .param("id", covering)
                    .update();
            putBackCheckpoint(row);
        }
        verify(admin, position, position).then().body("verified", equalTo(true));
        proof(admin, position);
    }

    @Test
    void chainEntriesDeletedWithTheirEventsAreReportedByARangeOfThemAlone() {
        Member admin = api.admin();
        Member member = api.signUp("Evidence Cut Out");
        rename(member, "Evidence Cut Out Two");
        List<Long> positions = positionsOf(member);
        long first = positions.get(0);
        long last = positions.get(1);
        events.awaitChained(last);
        checkpointNow(admin);
        List<Map<String, Object>> eventRows = jdbc.sql("SELECT * FROM domain_event_entry"
                        + " WHERE global_index IN (:first, :last) ORDER BY global_index")
                .param("first", first)
                .param("last", last)
                .query()
                .listOfRows();
        List<Map<String, Object>> chainRows = jdbc.sql(
                        "SELECT * FROM evidence_chain WHERE position IN (:first, :last) ORDER BY position")
                .param("first", first)
                .param("last", last)
                .query()
                .listOfRows();
        try {
            jdbc.sql("DELETE FROM evidence_chain WHERE position IN (:first, :last)")
                    .param("first", first)
                    .param("last", last)
                    .update();
            // the event is still stored but the chain passed its position without it: not "never committed"
            admin.request()
                    .get("/api/audit/events/" + first + "/proof")
                    .then()
                    .statusCode(409)
                    .body("code", equalTo("CHAIN_BROKEN"));
            jdbc.sql("DELETE FROM domain_event_entry WHERE global_index IN (:first, :last)")
                    .param("first", first)
                    .param("last", last)
                    .update();

            // was verified:true, checked 0: nothing in the range was left to compare
            verify(admin, first, last)
                    .then()
                    .statusCode(200)
                    .body("verified", equalTo(false))
                    .body("problems.problem", hasItems("CHAIN_BROKEN", "CHECKPOINT_MISMATCH"));
        } finally {
            // whatever the test got to delete before it stopped
            jdbc.sql("DELETE FROM domain_event_entry WHERE global_index IN (:first, :last)")
                    .param("first", first)
                    .param("last", last)
                    .update();
            jdbc.sql("DELETE FROM evidence_chain WHERE position IN (:first, :last)")
                    .param("first", first)
                    .param("last", last)
                    .update();
            eventRows.forEach(this::putBack);
            chainRows.forEach(chainRow -> jdbc.sql("INSERT INTO evidence_chain (position, chain_index, leaf_hash,"
                            + " chain_hash) VALUES (:position, :index, :leaf, :hash)")
                    .param("position", chainRow.get("position"))
                    .param("index", chainRow.get("chain_index"))
                    .param("leaf", chainRow.get("leaf_hash"))
                    .param("hash", chainRow.get("chain_hash"))
                    .update());
        }
        verify(admin, first, last).then().body("verified", equalTo(true));
    }

    @Test
    void anEventStoredBelowPositionOneIsReported() {
        Member admin = api.admin();
        Member member = api.signUp("Evidence Below One");
        Map<String, Object> real = jdbc.sql("SELECT * FROM domain_event_entry WHERE global_index = :p")
                .param("p", positionsOf(member).get(0))
                .query()
                .singleRow();
        long forged = -1 - Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 1_000_000L);
        Map<String, Object> row = new java.util.HashMap<>(real);
        row.put("global_index", forged);
        row.put("sequence_number", 1_000L);
        row.put("event_identifier", "evidence-below-one-" + UUID.randomUUID());
        try {
            putBack(row);
            // the aggregate folds it, yet the chain starts at 1 and verify never looked below it
            verify(admin, 1, 1)
                    .then()
                    .statusCode(200)
                    .body("verified", equalTo(false))
                    .body("firstBrokenPosition", equalTo((int) forged))
                    .body("problem", equalTo("UNCHAINED"));
        } finally {
            jdbc.sql("DELETE FROM domain_event_entry WHERE global_index = :p")
                    .param("p", forged)
                    .update();
        }
    }

    @Test
    void verifyChecksABoundedRangeAndSaysWhereToGoOn() {
        Member admin = api.admin();
        Member member = api.signUp("Evidence Range");
        rename(member, "Evidence Range Two");
        List<Long> positions = positionsOf(member);
        events.awaitChained(positions.get(1));

        Map<String, Object> report = verify(admin, positions.get(0), positions.get(1))
                .then()
                .statusCode(200)
                .body("verified", equalTo(true))
                .body("firstBrokenPosition", equalTo(null))
                .body("problem", equalTo(null))
                .body("problems.size()", equalTo(0))
                .extract()
                .path("");
        assertThat(number(report, "checked")).isGreaterThanOrEqualTo(2);
        assertThat(number(report, "next")).isEqualTo(positions.get(1) + 1);
        admin.request()
                .queryParam("from", 1)
                .queryParam("to", 10_001)
                .get("/api/audit/verify")
                .then()
                .statusCode(400)
                .body("code", equalTo("RANGE_TOO_LARGE"));
        admin.request().queryParam("from", 0).get("/api/audit/verify").then().statusCode(400);
        // a position past a long's range names the positions' range, not a long's
        admin.request()
                .queryParam("from", "99999999999999999999")
                .get("/api/audit/verify")
                .then()
                .statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"))
                .body(
                        "detail",
                        equalTo("The parameter 'from' is out of range: it must lie between 1 and 9223372036854775807"));
        admin.request()
                .queryParam("from", 5)
                .queryParam("to", 4)
                .get("/api/audit/verify")
                .then()
                .statusCode(400);
        admin.request().get("/api/audit/verify").then().statusCode(200).body("from", equalTo(1));
        // past the chain's end: an empty range, nothing checked, never a range that runs backwards
        admin.request()
                .queryParam("from", 999_999_999)
                .get("/api/audit/verify")
                .then()
                .statusCode(200)
                .body("from", equalTo(999_999_999))
                .body("to", equalTo(999_999_998))
                .body("checked", equalTo(0))
                .body("next", equalTo(999_999_999));
    }

    /**
     * Someone who can write to the database adds a key row of their own and signs checkpoints with it: the row has no
     * endorsement by the cluster (whose key is derived from the JWT secret, outside the database), so it is not
     * published and its signatures do not verify. It was published and believed like a node's.
     */
    @Test
    void aKeyRowWrittenByHandIsNeitherPublishedNorTrusted() throws Exception {
        Member admin = api.admin();
        Member member = api.signUp("Evidence Forged Key");
        long position = positionsOf(member).get(0);
        events.awaitChained(position);
        long covering = number(checkpointNow(admin), "checkpointId");
        Map<String, Object> row = jdbc.sql("SELECT * FROM evidence_checkpoints WHERE checkpoint_id = :id")
                .param("id", covering)
                .query()
                .singleRow();
        KeyPair forged = KeyPairGenerator.getInstance(SigningKey.ALGORITHM).generateKeyPair();
        String keyId = "evidence-hand-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] publicKey = forged.getPublic().getEncoded();
        try {
            jdbc.sql("INSERT INTO evidence_keys (key_id, algorithm, public_key, first_used)"
                            + " VALUES (:id, 'Ed25519', :key, now())")
                    .param("id", keyId)
                    .param("key", publicKey)
                    .update();
            String statement = new String((byte[]) row.get("statement"), StandardCharsets.UTF_8)
                    .replace("key-id: " + row.get("key_id") + "\n", "key-id: " + keyId + "\n");
            Signature signer = Signature.getInstance(SigningKey.ALGORITHM);
            signer.initSign(forged.getPrivate());
            signer.update(statement.getBytes(StandardCharsets.UTF_8));
            jdbc.sql("UPDATE evidence_checkpoints SET key_id = :key, statement = :statement, signature = :signature"
                            + " WHERE checkpoint_id = :id")
                    .param("key", keyId)
                    .param("statement", statement.getBytes(StandardCharsets.UTF_8))
                    .param("signature", signer.sign())
                    .param("id", covering)
                    .update();

            client().get("/.well-known/hindsight/keys")
                    .then()
                    .statusCode(200)
                    .body("keys.keyId", not(hasItem(keyId)))
                    .body("keys.keyId", hasItem(nodeKey.keyId()));
            verify(admin, position, position)
                    .then()
                    .statusCode(200)
                    .body("verified", equalTo(false))
                    .body("problems.problem", hasItem("SIGNATURE_INVALID"));

            // the same row endorsed as a node endorses its own: published and verified, so the endorsement decides
            jdbc.sql("UPDATE evidence_keys SET endorsement = :endorsement WHERE key_id = :id")
                    .param("endorsement", endorsements.of(keyId, SigningKey.ALGORITHM, publicKey))
                    .param("id", keyId)
                    .update();
            client().get("/.well-known/hindsight/keys").then().statusCode(200).body("keys.keyId", hasItem(keyId));
            verify(admin, position, position).then().statusCode(200).body("verified", equalTo(true));
        } finally {
            // put back in place: deleted, the latest checkpoint's id could be taken by the checkpointer meanwhile
            jdbc.sql("UPDATE evidence_checkpoints SET key_id = :key, statement = :statement, signature = :signature"
                            + " WHERE checkpoint_id = :id")
                    .param("key", row.get("key_id"))
                    .param("statement", row.get("statement"))
                    .param("signature", row.get("signature"))
                    .param("id", covering)
                    .update();
            jdbc.sql("DELETE FROM evidence_keys WHERE key_id = :id")
                    .param("id", keyId)
                    .update();
        }
        verify(admin, position, position).then().body("verified", equalTo(true));
    }

    @Test
    void anEndorsedKeyRowOfBytesNoKeyHoldsIsPublishedNotA500() {
        String keyId = "evidence-hand-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] notAKey = {1, 2};
        try {
            jdbc.sql("INSERT INTO evidence_keys (key_id, algorithm, public_key, first_used, endorsement)"
                            + " VALUES (:id, 'Ed25519', :key, now(), :endorsement)")
                    .param("id", keyId)
                    .param("key", notAKey)
                    .param("endorsement", endorsements.of(keyId, SigningKey.ALGORITHM, notAKey))
                    .update();
            // was 500 INTERNAL_ERROR for everyone: the raw key was cut from bytes too short to hold one
            client().get("/.well-known/hindsight/keys")
                    .then()
                    .statusCode(200)
                    .body("keys.find { it.keyId == '" + keyId + "' }.publicKey", equalTo("AQI="))
                    .body("keys.find { it.keyId == '" + keyId + "' }.publicKeyRaw", equalTo(null))
                    .body("keys.find { it.keyId == '" + nodeKey.keyId() + "' }.algorithm", equalTo("Ed25519"));
        } finally {
            jdbc.sql("DELETE FROM evidence_keys WHERE key_id = :id")
                    .param("id", keyId)
                    .update();
        }
    }

    @Test
    void onlyAdminsAndAuditorsSeeTheEvidenceAndAnyoneReadsTheKeys() {
        Member admin = api.admin();
        Member auditor = api.withRoles("Evidence Reader", "AUDITOR");
        Member member = api.signUp("Evidence Outsider");
        Map<String, Object> checkpoint = checkpointNow(admin);
        long position = number(checkpoint, "lastPosition");

        for (String path :
                List.of("/api/audit/checkpoints", "/api/audit/events/" + position + "/proof", "/api/audit/verify")) {
            member.request().get(path).then().statusCode(403);
            auditor.request().get(path).then().statusCode(200);
            client().get(path).then().statusCode(401);
        }
        member.request().post("/api/audit/checkpoints").then().statusCode(403);
        auditor.request().post("/api/audit/checkpoints").then().statusCode(403);
        auditor.request()
                .get("/api/audit/checkpoints")
                .then()
                .body("items[0].checkpointId", equalTo(checkpoint.get("checkpointId")))
                .body("total", equalTo(((Number) checkpoint.get("checkpointId")).intValue()));
        client().get("/.well-known/hindsight/keys")
                .then()
                .statusCode(200)
                .body("keys.find { it.keyId == '" + nodeKey.keyId() + "' }.algorithm", equalTo("Ed25519"));
    }

    @Test
    void aFreshNodeContinuesTheChainAndSignsCheckpointsWithItsOwnKey() throws Exception {
        Member admin = api.admin();
        Member member = api.signUp("Evidence Second Node");
        Map<String, Object> before = checkpointNow(admin);
        assertThat(before.get("keyId")).isEqualTo(nodeKey.keyId());
        try (StandaloneApp second =
                SecondNode.start(environment, "hindsight.roles=query", "hindsight.evidence.checkpoint-interval=PT1S")) {
            Map<String, Object> signedThere = await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(
                            () -> {
                                rename(member, "Evidence Second Node " + System.nanoTime() % 1000);
                                List<Map<String, Object>> latest = admin.request()
                                        .port(second.port())
                                        .queryParam("limit", 1)
                                        .get("/api/audit/checkpoints")
                                        .then()
                                        .statusCode(200)
                                        .extract()
                                        .path("items");
                                return latest.get(0);
                            },
                            latest -> !nodeKey.keyId().equals(latest.get("keyId")));

            Map<String, Object> previous = admin.request()
                    .get("/api/audit/checkpoints/" + (number(signedThere, "checkpointId") - 1))
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("");
            assertThat(signedThere.get("previousChainHead")).isEqualTo(previous.get("chainHead"));
            assertThat(number(signedThere, "firstIndex"))
                    .isEqualTo(number(previous, "firstIndex") + number(previous, "treeSize"));
            Map<String, Object> keys = publishedKeys();
            assertThat(((List<Map<String, Object>>) keys.get("keys")).stream().map(k -> k.get("keyId")))
                    .contains(nodeKey.keyId(), signedThere.get("keyId"));
            OutsiderCheck.assertProofHolds(proof(admin, number(signedThere, "lastPosition")), keys);
            verify(admin, number(before, "lastPosition"), number(signedThere, "lastPosition"))
                    .then()
                    .body("verified", equalTo(true));
        }
    }

    private static Response verify(Member reader, long from, long to) {
        return reader.request().queryParam("from", from).queryParam("to", to).get("/api/audit/verify");
    }

    private static void rename(Member member, String name) {
        member.request().body(Map.of("name", name)).patch("/api/me").then().statusCode(200);
    }

    private List<Long> positionsOf(Member member) {
        return jdbc.sql("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = :id"
                        + " ORDER BY sequence_number")
                .param("id", member.accountId())
                .query(Long.class)
                .list();
    }

    private long chainedThrough() {
        return jdbc.sql("SELECT chained_through FROM evidence_chain_head")
                .query(Long.class)
                .single();
    }

    private byte[] chainedLeaf(long position) {
        return jdbc.sql("SELECT leaf_hash FROM evidence_chain WHERE position = :p")
                .param("p", position)
                .query(byte[].class)
                .single();
    }

    private void setChainedLeaf(long position, byte[] leafHash) {
        jdbc.sql("UPDATE evidence_chain SET leaf_hash = :leaf WHERE position = :p")
                .param("leaf", leafHash)
                .param("p", position)
                .update();
    }

    private void putBackCheckpoint(Map<String, Object> row) {
        var insert = jdbc.sql("INSERT INTO evidence_checkpoints (" + String.join(", ", row.keySet()) + ") VALUES ("
                + String.join(", ", row.keySet().stream().map(c -> ":" + c).toList()) + ")");
        for (Map.Entry<String, Object> column : row.entrySet()) {
            insert = insert.param(column.getKey(), column.getValue());
        }
        insert.update();
    }

    private void assertLostCheckpointReported(Member admin, long position) {
        verify(admin, position, position)
                .then()
                .statusCode(200)
                .body("verified", equalTo(false))
                .body("problems.problem", hasItem("CHECKPOINT_MISMATCH"));
        // not NOT_YET_CHECKPOINTED: later checkpoints were signed, so this one's is gone
        admin.request()
                .get("/api/audit/events/" + position + "/proof")
                .then()
                .statusCode(409)
                .body("code", equalTo("CHAIN_BROKEN"));
    }

    /** Re-inserts a deleted event with its own position: the trigger that assigns positions is off for this transaction only. */
    private void putBack(Map<String, Object> row) {
        EventStoreRows.putBack(jdbc, transactionManager, row);
    }
}
