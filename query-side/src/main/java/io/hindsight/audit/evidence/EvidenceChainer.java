package io.hindsight.audit.evidence;

import io.hindsight.audit.FeedHorizon;
import io.hindsight.audit.api.EvidenceError;
import io.hindsight.audit.evidence.EvidenceStore.ChainEntry;
import io.hindsight.audit.evidence.EvidenceStore.ChainHead;
import io.hindsight.common.BusinessException;
import io.hindsight.query.QueryRole;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the evidence chain and signs its checkpoints. Runs on every query node, but only the node that
 * holds the chain's advisory lock writes, one batch per transaction, so the chain has one writer
 * cluster-wide and a node that starts later simply continues from the chain head in the database. It
 * chains only positions at or below the {@link FeedHorizon}, in position order: below it every position
 * is committed or never will be, so a late commit cannot be skipped and a rolled-back position is simply
 * absent. It reads the event store after the fact and costs the command path nothing.
 */
@QueryRole
@Component
public class EvidenceChainer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EvidenceChainer.class);
    private static final Duration SCHEDULED_BUDGET = Duration.ofSeconds(2);
    private static final Duration ON_DEMAND_BUDGET = Duration.ofSeconds(30);

    private final EvidenceStore store;
    private final FeedHorizon horizon;
    private final SigningKey key;
    private final EvidenceProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final LastSignedCheckpoint lastSigned;
    private volatile ScheduledExecutorService schedule;

    public EvidenceChainer(
            EvidenceStore store,
            FeedHorizon horizon,
            SigningKey key,
            LastSignedCheckpoint lastSigned,
            EvidenceProperties properties,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.store = store;
        this.horizon = horizon;
        this.key = key;
        this.lastSigned = lastSigned;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** A checkpoint answered on demand, and whether it was signed for this request. */
    public record CheckpointOutcome(Checkpoint checkpoint, boolean created) {}

    /**
     * A node started under a new JWT secret endorses again its own key and the keys endorsed under a secret listed as
     * previous; the node's own key is endorsed again when it signs as well, should the database not answer now.
     */
    @EventListener(ApplicationReadyEvent.class)
    void endorseKeysAgain() {
        try {
            Integer endorsed = transactions.execute(tx -> store.endorseAgain(key.keyId(), key.publicKeyDer()));
            if (endorsed != null && endorsed > 0) {
                log.info("Evidence keys endorsed again under the cluster's JWT secret of now: {}", endorsed);
            }
        } catch (RuntimeException unavailable) {
            log.warn("Could not endorse the evidence keys again: {}", unavailable.toString());
        }
    }

    /** On its own thread, so a long catch-up never delays the application's other scheduled work. */
    @Override
    public void start() {
        if (properties.enabled() && schedule == null) {
            schedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "evidence-chainer");
                thread.setDaemon(true);
                return thread;
            });
            long interval = properties.chainInterval().toMillis();
            schedule.scheduleWithFixedDelay(this::keepUp, interval, interval, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void stop() {
        if (schedule != null) {
            schedule.shutdown();
            try {
                schedule.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            schedule = null;
        }
    }

    @Override
    public boolean isRunning() {
        return schedule != null;
    }

    void keepUp() {
        try {
            catchUp(SCHEDULED_BUDGET, false);
            List<Checkpoint> signed =
                    transactions.execute(tx -> store.tryLockChain() ? signCheckpoints(true) : List.<Checkpoint>of());
            recordSigned(signed);
        } catch (RuntimeException e) {
            log.warn("The evidence chain could not catch up: {}", e.toString());
        }
    }

    /**
     * Chains the events up to the horizon, batch by batch, until caught up or out of time. With {@code wait}
     * (on demand) it probes the horizon afresh, so every event committed before the call is chained, and
     * waits for the chain lock; without, it takes the feed's recent horizon and gives way at once to a node
     * already at it.
     */
    public long catchUp(Duration budget, boolean wait) {
        long upTo = wait ? horizon.probedNow() : horizon.current();
        long deadline = System.nanoTime() + budget.toNanos();
        long chained = 0;
        while (true) {
            Integer batch = transactions.execute(tx -> {
                if (wait) {
                    store.lockChain();
                } else if (!store.tryLockChain()) {
                    return -1;
                }
                return chainBatch(upTo);
            });
            if (batch == null || batch < 0) {
                return chained;
            }
            chained += batch;
            if (batch < properties.chainBatchSize() || System.nanoTime() > deadline) {
                return chained;
            }
        }
    }

    /** Chains everything committed so far and signs a checkpoint over what no checkpoint covers yet. */
    public CheckpointOutcome checkpointNow() {
        catchUp(ON_DEMAND_BUDGET, true);
        CheckpointOutcome outcome = transactions.execute(tx -> {
            store.lockChain();
            List<Checkpoint> signed = signCheckpoints(false);
            if (!signed.isEmpty()) {
                return new CheckpointOutcome(signed.get(signed.size() - 1), true);
            }
            return store.latestCheckpoint()
                    .map(latest -> new CheckpointOutcome(latest, false))
                    .orElseThrow(() -> new BusinessException(
                            EvidenceError.NOTHING_TO_CHECKPOINT, "No event has been chained yet"));
        });
        if (outcome.created()) {
            recordSigned(List.of(outcome.checkpoint()));
        }
        return outcome;
    }

    /** Once committed: a checkpoint recorded before its commit and then rolled back would block its own retry. */
    private void recordSigned(List<Checkpoint> signed) {
        if (signed != null && !signed.isEmpty()) {
            lastSigned.signed(signed.get(signed.size() - 1));
        }
    }

    private int chainBatch(long upTo) {
        ChainHead head = store.head();
        if (head.chainedThrough() >= upTo) {
            return 0;
        }
        List<StoredEvent> events = store.storedEventsAfter(head.chainedThrough(), upTo, properties.chainBatchSize());
        List<ChainEntry> entries = new ArrayList<>(events.size());
        long index = head.headIndex();
        byte[] chainHash = head.headHash();
        for (StoredEvent event : events) {
            byte[] leafHash = event.leafHash();
            chainHash = Hashes.link(chainHash, leafHash);
            entries.add(new ChainEntry(event.position(), ++index, leafHash, chainHash));
        }
        long through = events.size() < properties.chainBatchSize()
                ? upTo
                : events.get(events.size() - 1).position();
        store.append(entries, through);
        return events.size();
    }

    /**
     * Within the chain lock: signs checkpoints over the chain entries after the last checkpoint, each of
     * at most {@code maxCheckpointSize} entries; a partial one only when due (or on demand).
     */
    private List<Checkpoint> signCheckpoints(boolean onlyWhenDue) {
        List<Checkpoint> signed = new ArrayList<>();
        ChainHead head = store.head();
        Optional<Checkpoint> last = store.latestCheckpoint();
        while (true) {
            long nextIndex = last.map(c -> c.lastIndex() + 1).orElse(1L);
            long pending = head.headIndex() - nextIndex + 1;
            if (pending <= 0) {
                return signed;
            }
            boolean full = pending >= properties.maxCheckpointSize();
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            if (onlyWhenDue
                    && !full
                    && last.isPresent()
                    && now.isBefore(last.get().createdAt().plus(properties.checkpointInterval()))) {
                return signed;
            }
            long lastIndex = Math.min(head.headIndex(), nextIndex + properties.maxCheckpointSize() - 1);
            Checkpoint checkpoint = sign(last, nextIndex, lastIndex, now);
            store.registerKey(key.keyId(), key.publicKeyDer(), now);
            store.insert(checkpoint);
            signed.add(checkpoint);
            last = Optional.of(checkpoint);
        }
    }

    private Checkpoint sign(Optional<Checkpoint> previous, long firstIndex, long lastIndex, Instant now) {
        lastSigned.refuseSigningAgain(previous.map(c -> c.checkpointId() + 1).orElse(1L));
        List<ChainEntry> entries = store.chainEntriesByIndex(firstIndex, lastIndex);
        if (entries.size() != lastIndex - firstIndex + 1) {
            throw new BusinessException(
                    EvidenceError.CHAIN_BROKEN,
                    "Refusing to sign a checkpoint: chain entries %d..%d are not all there",
                    firstIndex,
                    lastIndex);
        }
        byte[] previousHead = previous.map(Checkpoint::chainHead).orElse(Hashes.GENESIS);
        byte[] link = previousHead;
        for (ChainEntry entry : entries) {
            link = Hashes.link(link, entry.leafHash());
            if (!Arrays.equals(link, entry.chainHash())) {
                throw new BusinessException(
                        EvidenceError.CHAIN_BROKEN,
                        "Refusing to sign a checkpoint: the evidence chain is broken at position %d (verify tells more)",
                        entry.position());
            }
        }
        Checkpoint unsigned = new Checkpoint(
                previous.map(c -> c.checkpointId() + 1).orElse(1L),
                firstIndex,
                entries.size(),
                entries.get(0).position(),
                entries.get(entries.size() - 1).position(),
                previousHead,
                link,
                MerkleTree.root(entries.stream().map(ChainEntry::leafHash).toList()),
                now,
                key.keyId(),
                null,
                null);
        byte[] statement = unsigned.expectedStatement();
        return unsigned.signed(statement, key.sign(statement));
    }
}
