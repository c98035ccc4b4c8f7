package io.hindsight.audit.evidence;

import io.hindsight.audit.api.EvidenceError;
import io.hindsight.audit.evidence.EvidenceStore.ChainEntry;
import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import io.hindsight.query.QueryRole;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Re-hashes the stored events of a range of positions and compares them with the chain, the chain with
 * itself, and the chain with the signed checkpoints that cover the range. Work per call is bounded by
 * {@code hindsight.evidence.max-verify-range} positions plus the checkpoints they touch.
 */
@QueryRole
@Component
public class ChainVerifier {

    private static final int CHUNK = 1000;
    private static final int MAX_FINDINGS = 100;

    private final EvidenceStore store;
    private final EvidenceProperties properties;

    public ChainVerifier(EvidenceStore store, EvidenceProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    public enum Problem {
        /** The stored event no longer hashes to its chained leaf. */
        ALTERED,
        /** A chained position is gone from the event store. */
        MISSING,
        /** An event at or below the chained-through position that the chain never saw: inserted later. */
        UNCHAINED,
        /** The chain's own links or indexes do not follow: the chain table was changed. */
        CHAIN_BROKEN,
        /** A signed checkpoint does not match the chain (Merkle root, chain heads, size or statement). */
        CHECKPOINT_MISMATCH,
        /** A checkpoint's signature does not verify with its published key. */
        SIGNATURE_INVALID
    }

    public record Finding(long position, Problem problem, String detail) {}

    /**
     * The outcome for positions {@code from..to} ({@code to} capped at {@code chainedThrough}): {@code checked}
     * chain entries re-hashed, {@code checkpointsChecked} checkpoints recomputed, the first findings by
     * position (at most 100, {@code truncated} when there were more).
     */
    public record Verification(
            long from,
            long to,
            long chainedThrough,
            long checked,
            int checkpointsChecked,
            List<Finding> findings,
            boolean truncated) {

        public boolean verified() {
            return findings.isEmpty();
        }
    }

    public Verification verify(Long fromOrNull, Long toOrNull) {
        long from = fromOrNull == null ? 1 : fromOrNull;
        if (from < 1) {
            throw new BusinessException(CommonError.VALIDATION_FAILED, "from must be at least 1, was %d", from);
        }
        long maxRange = properties.maxVerifyRange();
        if (toOrNull != null && toOrNull < from) {
            throw new BusinessException(
                    CommonError.VALIDATION_FAILED, "to (%d) must not be before from (%d)", toOrNull, from);
        }
        if (toOrNull != null && toOrNull - from + 1 > maxRange) {
            throw new BusinessException(
                    EvidenceError.RANGE_TOO_LARGE,
                    "One call verifies at most %d positions; page with from and to",
                    maxRange);
        }
        long chainedThrough = store.head().chainedThrough();
        // from past the chain's end is an empty range (to = from - 1, nothing checked), never a range running backwards
        long to = Math.max(from - 1, Math.min(toOrNull == null ? from + maxRange - 1 : toOrNull, chainedThrough));
        Run run = new Run();
        ChainEntry previous = store.lastChainEntryBefore(from).orElse(new ChainEntry(0, 0, null, Hashes.GENESIS));
        for (long chunkStart = from; chunkStart <= to; chunkStart += CHUNK) {
            long chunkEnd = Math.min(to, chunkStart + CHUNK - 1);
            previous = checkChunk(chunkStart, chunkEnd, previous, run);
        }
        List<Checkpoint> checkpoints =
                run.firstIndex == 0 ? List.of() : store.checkpointsOverlapping(run.firstIndex, run.lastIndex);
        if (!checkpoints.isEmpty()) {
            Map<Long, ChainEntry> covered = new HashMap<>();
            long firstCovered = Math.max(1, checkpoints.get(0).firstIndex() - 1);
            long lastCovered = checkpoints.get(checkpoints.size() - 1).lastIndex();
            for (ChainEntry entry : store.chainEntriesByIndex(firstCovered, lastCovered)) {
                covered.put(entry.chainIndex(), entry);
            }
            Map<String, Optional<byte[]>> keys = new HashMap<>();
            for (Checkpoint checkpoint : checkpoints) {
                checkCheckpoint(checkpoint, Math.max(from, checkpoint.firstPosition()), covered, keys, run);
            }
        }
        List<Finding> findings = run.findings.stream()
                .sorted(Comparator.comparingLong(Finding::position))
                .limit(MAX_FINDINGS)
                .toList();
        return new Verification(
                from,
                to,
                chainedThrough,
                run.checked,
                checkpoints.size(),
                findings,
                run.findings.size() > MAX_FINDINGS);
    }

    private ChainEntry checkChunk(long from, long to, ChainEntry previous, Run run) {
        Map<Long, StoredEvent> stored = new HashMap<>();
        for (StoredEvent event : store.storedEventsBetween(from, to)) {
            stored.put(event.position(), event);
        }
        for (ChainEntry entry : store.chainEntriesBetween(from, to)) {
            if (entry.chainIndex() != previous.chainIndex() + 1) {
                run.add(
                        entry.position(),
                        Problem.CHAIN_BROKEN,
                        "chain entry %d follows entry %d: entries were removed"
                                .formatted(entry.chainIndex(), previous.chainIndex()));
            } else if (!Arrays.equals(Hashes.link(previous.chainHash(), entry.leafHash()), entry.chainHash())) {
                run.add(entry.position(), Problem.CHAIN_BROKEN, "the chain hash does not follow from the previous one");
            }
            StoredEvent event = stored.remove(entry.position());
            if (event == null) {
                run.add(entry.position(), Problem.MISSING, "the chained event is gone from the event store");
            } else if (!Arrays.equals(event.leafHash(), entry.leafHash())) {
                run.add(entry.position(), Problem.ALTERED, "the stored event does not hash to its chained leaf");
            }
            run.checked++;
            run.firstIndex = run.firstIndex == 0 ? entry.chainIndex() : run.firstIndex;
            run.lastIndex = entry.chainIndex();
            previous = entry;
        }
        for (StoredEvent event : stored.values()) {
            run.add(event.position(), Problem.UNCHAINED, "the event appeared after its position was chained");
        }
        return previous;
    }

    private void checkCheckpoint(
            Checkpoint checkpoint,
            long position,
            Map<Long, ChainEntry> covered,
            Map<String, Optional<byte[]>> keys,
            Run run) {
        String name = "checkpoint " + checkpoint.checkpointId();
        List<byte[]> leaves = new ArrayList<>(checkpoint.treeSize());
        for (long index = checkpoint.firstIndex(); index <= checkpoint.lastIndex(); index++) {
            ChainEntry entry = covered.get(index);
            if (entry == null) {
                run.add(
                        position,
                        Problem.CHECKPOINT_MISMATCH,
                        "%s covers chain entry %d, which is gone".formatted(name, index));
                return;
            }
            leaves.add(entry.leafHash());
        }
        if (!Arrays.equals(MerkleTree.root(leaves), checkpoint.merkleRoot())) {
            run.add(
                    position,
                    Problem.CHECKPOINT_MISMATCH,
                    name + ": the Merkle root of the chain differs from the signed one");
        }
        ChainEntry last = covered.get(checkpoint.lastIndex());
        byte[] before = checkpoint.firstIndex() == 1
                ? Hashes.GENESIS
                : Optional.ofNullable(covered.get(checkpoint.firstIndex() - 1))
                        .map(ChainEntry::chainHash)
                        .orElse(null);
        if (!Arrays.equals(before, checkpoint.previousChainHead())
                || !Arrays.equals(last.chainHash(), checkpoint.chainHead())) {
            run.add(position, Problem.CHECKPOINT_MISMATCH, name + ": the chain heads differ from the signed ones");
        }
        if (!Arrays.equals(checkpoint.expectedStatement(), checkpoint.statement())) {
            run.add(position, Problem.CHECKPOINT_MISMATCH, name + ": the stored statement differs from its fields");
        }
        boolean signed = keys.computeIfAbsent(checkpoint.keyId(), store::publicKey)
                .map(key -> SigningKey.verifies(key, checkpoint.statement(), checkpoint.signature()))
                .orElse(false);
        if (!signed) {
            run.add(
                    position,
                    Problem.SIGNATURE_INVALID,
                    "%s: the signature does not verify with key %s".formatted(name, checkpoint.keyId()));
        }
    }

    private static final class Run {
        private final List<Finding> findings = new ArrayList<>();
        private long checked;
        private long firstIndex;
        private long lastIndex;

        void add(long position, Problem problem, String detail) {
            findings.add(new Finding(position, problem, detail));
        }
    }
}
