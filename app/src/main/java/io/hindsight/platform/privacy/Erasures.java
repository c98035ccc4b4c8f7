package io.hindsight.platform.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hindsight.account.AccountQueries;
import io.hindsight.account.AccountView;
import io.hindsight.account.api.AccountError;
import io.hindsight.audit.evidence.EvidenceStore;
import io.hindsight.audit.evidence.SigningKey;
import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import io.hindsight.platform.axon.FreshAggregateCache;
import io.hindsight.platform.privacy.ErasureReceipt.Cleanup;
import io.hindsight.platform.privacy.ErasureReceipt.ErasedEvents;
import io.hindsight.platform.privacy.PersonalDataKeys.ErasedKey;
import io.hindsight.platform.web.IdempotencyRecords;
import io.hindsight.projection.Projection;
import io.hindsight.projection.admin.ProjectionCatchUp;
import io.hindsight.projection.admin.ProjectionRegistry;
import io.hindsight.projection.admin.ProjectionReplay;
import io.hindsight.projection.admin.ReplayRecords;
import io.hindsight.projection.admin.ReplayStatus;
import io.hindsight.projection.admin.StoppableWorker;
import io.hindsight.query.QueryRole;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Erases an account's personal data: destroys its data key (every stored copy in the events becomes
 * unreadable at once) and the aggregate snapshots holding its data, signs a receipt of what was erased, then
 * forgets the responses kept for the account's {@code Idempotency-Key} requests, rebuilds by verified replay every
 * projection that handles an event type that held the account's data, so no read model keeps a decrypted
 * copy, and drops the replays' records of the rows that differed (they hold the erased values).
 *
 * <p>A clean-up running when the node stops is let go early in the node's shutdown, before the replay it waits on is
 * abandoned: it stays RUNNING, and a query node takes it up as it does one whose node died.
 */
@QueryRole
@Component
public class Erasures implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Erasures.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REPLAY_WAIT = Duration.ofMinutes(30);
    private static final Duration POLL = Duration.ofMillis(200);
    /** How long a stopping node waits for its clean-up to let go of its erasure before it stops the replays. */
    private static final Duration LET_GO_WAIT = Duration.ofSeconds(20);
    /** The first key of the advisory locks that clean-ups hold ("ERAS"); the second is the erasure id's hashtext. */
    public static final int CLEANUP_LOCKS = 0x45524153;

    private final PersonalDataKeys keys;
    private final ErasureReceipts receipts;
    private final JdbcClient jdbc;
    private final SigningKey signingKey;
    private final EvidenceStore evidence;
    private final AccountQueries accounts;
    private final ProjectionRegistry projections;
    private final ProjectionReplay replays;
    private final ProjectionCatchUp catchUp;
    private final ReplayRecords replayRecords;
    private final IdempotencyRecords idempotentResponses;
    private final DataSource dataSource;
    private final ObjectProvider<FreshAggregateCache> aggregateCaches;
    private final Set<String> cleanUpsHere = ConcurrentHashMap.newKeySet();
    private final StoppableWorker cleaner = new StoppableWorker("erasure-cleanup");
    private volatile boolean lifecycleRunning;

    public Erasures(
            PersonalDataKeys keys,
            JdbcClient jdbc,
            SigningKey signingKey,
            EvidenceStore evidence,
            AccountQueries accounts,
            ProjectionRegistry projections,
            ProjectionReplay replays,
            ProjectionCatchUp catchUp,
            ReplayRecords replayRecords,
            IdempotencyRecords idempotentResponses,
            DataSource dataSource,
            ObjectProvider<FreshAggregateCache> aggregateCaches) {
        this.keys = keys;
        this.receipts = new ErasureReceipts(jdbc);
        this.jdbc = jdbc;
        this.signingKey = signingKey;
        this.evidence = evidence;
        this.accounts = accounts;
        this.projections = projections;
        this.replays = replays;
        this.catchUp = catchUp;
        this.replayRecords = replayRecords;
        this.idempotentResponses = idempotentResponses;
        this.dataSource = dataSource;
        this.aggregateCaches = aggregateCaches;
    }

    /** An ADMIN erases any account's personal data; erasing it again answers the first receipt. */
    public ErasureReceipt eraseAsAdmin(String accountId, String adminId) {
        return erase(accounts.current(accountId), adminId);
    }

    /**
     * A member erases their own personal data, once they have resigned; {@code tokenRevoked} tells that the
     * caller's token was voided, which only resigning excuses here.
     */
    public ErasureReceipt eraseOwn(String accountId, boolean tokenRevoked) {
        AccountView account = accounts.current(accountId);
        if (!account.resigned() && tokenRevoked) {
            throw new BusinessException(CommonError.TOKEN_REVOKED, "The access token has been revoked; log in again");
        }
        if (!account.resigned()) {
            throw new BusinessException(
                    AccountError.ACCOUNT_NOT_RESIGNED,
                    "Cannot erase the personal data of account %s: it has not resigned (DELETE /api/me first)",
                    accountId);
        }
        return erase(account, accountId);
    }

    public ErasureReceipt receipt(String erasureId) {
        return receipts.find(erasureId)
                .orElseThrow(() -> new BusinessException(CommonError.NOT_FOUND, "No erasure %s", erasureId));
    }

    private ErasureReceipt erase(AccountView account, String erasedBy) {
        String subject = account.accountId();
        var earlier = receipts.ofSubject(subject);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        ErasedKey erasedKey = keys.erase(subject);
        // cached aggregates hold the values in the clear; other nodes reload theirs within PersonalDataKeys.CACHED_FOR
        aggregateCaches.forEach(FreshAggregateCache::removeAll);
        forgetSnapshotsOf(subject, erasedKey.keyId());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        StoredPersonalData stored = storedPersonalData(erasedKey.keyId(), subject);
        ErasureReceipt unsigned = new ErasureReceipt(
                UUID.randomUUID().toString(),
                subject,
                erasedKey.keyId(),
                erasedKey.createdAt(),
                erasedKey.erasedAt(),
                erasedBy,
                stored.sealed(),
                stored.inTheClear(),
                signingKey.keyId(),
                null,
                null,
                new Cleanup("RUNNING", ""));
        byte[] statement = unsigned.expectedStatement();
        evidence.registerKey(signingKey.keyId(), signingKey.publicKeyDer(), now);
        ErasureReceipt kept = receipts.keep(new ErasureReceipt(
                unsigned.erasureId(),
                subject,
                unsigned.dataKeyId(),
                unsigned.dataKeyCreatedAt(),
                unsigned.erasedAt(),
                erasedBy,
                unsigned.erased(),
                unsigned.keptInClear(),
                unsigned.signingKeyId(),
                statement,
                signingKey.sign(statement),
                unsigned.cleanup()));
        if (kept.erasureId().equals(unsigned.erasureId())) {
            cleanUpHere(kept);
        }
        return kept;
    }

    /**
     * A clean-up runs while its node holds a session advisory lock on the erasure, which PostgreSQL lets go when
     * that node's connection ends. So a clean-up still RUNNING that no node holds was cut off - its node stopped or
     * died - and the first query node to look, at its start or every 30 s, takes it up; the steps are all safe to run
     * again.
     */
    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(fixedDelayString = "PT30S", initialDelayString = "PT30S")
    public void takeUpCleanUpsCutOff() {
        try {
            receipts.withCleanupRunning().forEach(this::cleanUpHere);
        } catch (DataAccessException e) {
            log.warn("Could not look for erasure clean-ups to take up; looking again in 30 s: {}", e.toString());
        }
    }

    /** Runs the clean-up on this node, unless it runs here already or the node is stopping (it stays RUNNING). */
    private void cleanUpHere(ErasureReceipt receipt) {
        if (cleaner.stopping() || !cleanUpsHere.add(receipt.erasureId())) {
            return;
        }
        try {
            cleaner.submit(() -> {
                try {
                    cleanUpHolding(receipt);
                } finally {
                    cleanUpsHere.remove(receipt.erasureId());
                }
            });
        } catch (RejectedExecutionException nodeStopping) {
            cleanUpsHere.remove(receipt.erasureId());
        }
    }

    private void cleanUpHolding(ErasureReceipt receipt) {
        if (cleaner.stopping()) {
            return;
        }
        try (Connection lockHolder = dataSource.getConnection()) {
            if (!advisoryLock(lockHolder, "pg_try_advisory_lock", receipt.erasureId())) {
                return;
            }
            try {
                boolean stillRunning = receipts.find(receipt.erasureId())
                        .filter(current -> current.cleanup().state().equals("RUNNING"))
                        .isPresent();
                if (stillRunning) {
                    Set<String> types = new TreeSet<>();
                    receipt.erased().forEach(events -> types.add(events.eventType()));
                    receipt.keptInClear().forEach(events -> types.add(events.eventType()));
                    cleanUp(receipt.erasureId(), receipt.subject(), receipt.dataKeyId(), types);
                }
            } finally {
                cleaner.endInterruptible();
                advisoryLock(lockHolder, "pg_advisory_unlock", receipt.erasureId());
            }
        } catch (SQLException e) {
            log.warn(
                    "The clean-up of erasure {} could not take its lock; it is looked for again",
                    receipt.erasureId(),
                    e);
        }
    }

    private static boolean advisoryLock(Connection connection, String function, String erasureId) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT " + function + "(?, hashtext(?))")) {
            lock.setInt(1, CLEANUP_LOCKS);
            lock.setString(2, erasureId);
            try (ResultSet result = lock.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    /**
     * An aggregate's snapshot holds its fields in the clear, where its events hold them sealed: the account's own, and
     * those of any aggregate whose events hold values sealed under the key (a store order's delivery address) or name
     * the subject (an upgraded store's events hold such values in the clear). They are deleted at once and again when
     * the clean-up ends, after a snapshot a command node took in the meantime.
     */
    private void forgetSnapshotsOf(String subject, String dataKeyId) {
        jdbc.sql("""
                        DELETE FROM snapshot_event_entry s WHERE s.aggregate_identifier = :subject
                        OR EXISTS (SELECT 1 FROM domain_event_entry e WHERE e.aggregate_identifier = s.aggregate_identifier
                                   AND (position(:keyId IN e.payload) > 0 OR position(:named IN e.payload) > 0))""")
                .param("subject", subject)
                .param("keyId", sealedUnder(dataKeyId))
                .param("named", subject.getBytes(StandardCharsets.UTF_8))
                .update();
    }

    private static byte[] sealedUnder(String dataKeyId) {
        return ("\"" + dataKeyId + "\"").getBytes(StandardCharsets.UTF_8);
    }

    /** What the stored events hold of the subject's: sealed under its key, and in the clear (see below). */
    private record StoredPersonalData(List<ErasedEvents> sealed, List<ErasedEvents> inTheClear) {}

    /**
     * One scan of the store for both: the event types whose payloads hold values sealed under the key, with their
     * personal fields; and those whose payloads hold the subject's personal fields in the clear, as a release before
     * encryption wrote them (an upgraded store). No key guards the latter, and the events are never changed (rewriting
     * them would break the evidence chain that already covers them), so their bytes keep the values: every reading of
     * them answers null once the subject is erased ({@link PersonalDataModule}).
     */
    private StoredPersonalData storedPersonalData(String dataKeyId, String subject) {
        Map<String, Long> sealed = new TreeMap<>();
        Map<String, Long> plainEvents = new TreeMap<>();
        Map<String, Set<String>> plainFields = new TreeMap<>();
        jdbc.sql("""
                        SELECT payload_type, position(:keyId IN payload) > 0,
                               CASE WHEN position(:subject IN payload) > 0 THEN payload END
                        FROM domain_event_entry WHERE position(:keyId IN payload) > 0 OR position(:subject IN payload) > 0""")
                .param("keyId", sealedUnder(dataKeyId))
                .param("subject", subject.getBytes(StandardCharsets.UTF_8))
                .query(row -> {
                    String type = row.getString(1);
                    if (row.getBoolean(2)) {
                        sealed.merge(type, 1L, Long::sum);
                    }
                    byte[] payload = row.getBytes(3);
                    List<PersonalFields.Field> personal = PersonalFields.fieldsOf(type);
                    if (payload == null || personal.isEmpty()) {
                        return;
                    }
                    Set<String> plain = plainFieldsOf(subject, personal, payload);
                    if (!plain.isEmpty()) {
                        plainEvents.merge(type, 1L, Long::sum);
                        plainFields.computeIfAbsent(type, t -> new TreeSet<>()).addAll(plain);
                    }
                });
        return new StoredPersonalData(
                sealed.entrySet().stream()
                        .map(count ->
                                new ErasedEvents(count.getKey(), count.getValue(), PersonalFields.of(count.getKey())))
                        .toList(),
                plainEvents.entrySet().stream()
                        .map(count -> new ErasedEvents(
                                count.getKey(), count.getValue(), List.copyOf(plainFields.get(count.getKey()))))
                        .toList());
    }

    private static Set<String> plainFieldsOf(String subject, List<PersonalFields.Field> personal, byte[] payload) {
        Set<String> plain = new TreeSet<>();
        JsonNode event;
        try {
            event = JSON.readTree(payload);
        } catch (IOException notJson) {
            return plain;
        }
        for (PersonalFields.Field field : personal) {
            if (!subject.equals(event.path(field.subject()).asText(null))) {
                continue;
            }
            JsonNode value = event.at("/" + field.path().replace('.', '/'));
            boolean sealed = value.isObject() && value.has(PersonalDataModule.KEY_ID);
            if (!value.isMissingNode() && !value.isNull() && !sealed) {
                plain.add(field.path());
            }
        }
        return plain;
    }

    private void cleanUp(String erasureId, String subject, String dataKeyId, Set<String> types) {
        List<String> rebuilt = new ArrayList<>();
        try {
            cleaner.beginInterruptible();
            idempotentResponses.forgetResponsesTo(subject);
            for (Projection projection : projections.all().values()) {
                boolean holdsCopies = projection
                        .payloadTypes()
                        .map(handled -> !Collections.disjoint(handled, types))
                        .orElse(true);
                if (holdsCopies) {
                    ReplayStatus done = replayToTheEnd(projection.name());
                    replayRecords.save(done.withoutDifferences());
                    if (done.state() != ReplayStatus.State.COMPLETED) {
                        throw new IllegalStateException("Replay of " + projection.name() + " failed: " + done.error());
                    }
                    rebuilt.add(projection.name() + " (" + done.differenceCount() + " rows erased)");
                }
            }
            // every replay is done: a stop that came meanwhile waits for these two short steps rather than cut them off
            cleaner.endInterruptible();
            forgetSnapshotsOf(subject, dataKeyId);
            receipts.cleanup(erasureId, new Cleanup("COMPLETED", "rebuilt: " + String.join(", ", rebuilt)));
        } catch (Exception e) {
            if (cleaner.endInterruptible()) {
                // its replay is abandoned next, for the node's stop: no failure, and nothing to replay by hand
                log.info("Clean-up of erasure {} let go: this node is stopping; a query node takes it up", erasureId);
                return;
            }
            log.warn("Clean-up of erasure {} failed; replay the projections that hold personal data", erasureId, e);
            receipts.cleanup(
                    erasureId, new Cleanup("FAILED", "rebuilt: " + String.join(", ", rebuilt) + "; " + e.getMessage()));
        }
    }

    /**
     * Replays the projection once it has folded what was committed before the key was destroyed (within the reads'
     * wait): a replay rebuilds only up to where the live tokens stand, so an event from before the erasure that a
     * lagging segment on another node had not folded yet would be folded after it, with that node's key still cached,
     * in the clear.
     */
    private ReplayStatus replayToTheEnd(String projection) throws InterruptedException {
        catchUp.awaitCommitted(projection);
        Instant giveUpAt = Instant.now().plus(REPLAY_WAIT);
        while (true) {
            try {
                replays.start(projection);
                break;
            } catch (BusinessException alreadyRunning) {
                if (alreadyRunning.code() != CommonError.REPLAY_IN_PROGRESS
                        || Instant.now().isAfter(giveUpAt)) {
                    throw alreadyRunning;
                }
                Thread.sleep(POLL.toMillis());
            }
        }
        while (true) {
            ReplayStatus status = replays.status(projection);
            if (status.state() == ReplayStatus.State.COMPLETED || status.state() == ReplayStatus.State.FAILED) {
                return status;
            }
            if (Instant.now().isAfter(giveUpAt)) {
                throw new IllegalStateException("Replay of " + projection + " did not finish in " + REPLAY_WAIT);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    @Override
    public void start() {
        lifecycleRunning = true;
    }

    /** Interrupts the clean-up running here and waits until it has let go of its erasure, still RUNNING. */
    @Override
    public void stop() {
        cleaner.interrupt();
        try {
            if (!cleaner.awaitEnd(LET_GO_WAIT)) {
                log.warn("An erasure's clean-up did not let go within {}; the node stops all the same", LET_GO_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lifecycleRunning = false;
        }
    }

    @Override
    public boolean isRunning() {
        return lifecycleRunning;
    }

    /**
     * Stops before the replays it waits on: abandoned first, a replay would read as failed, and the clean-up as
     * FAILED with it, which nobody takes up.
     */
    @Override
    public int getPhase() {
        return ProjectionReplay.PHASE + 1;
    }
}
