package io.hindsight.audit.evidence;

import io.hindsight.audit.api.EvidenceError;
import io.hindsight.audit.evidence.EvidenceStore.ChainEntry;
import io.hindsight.audit.evidence.LastSignedCheckpoint.Kept;
import io.hindsight.audit.evidence.LastSignedCheckpoint.Signed;
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
import java.util.TreeMap;
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
    private final LastSignedCheckpoint lastSigned;

    public ChainVerifier(EvidenceStore store, EvidenceProperties properties, LastSignedCheckpoint lastSigned) {
        this.store = store;
        this.properties = properties;
        this.lastSigned = lastSigned;
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
        // read before the checkpoints of the range: one signed while this call runs covers entries it did not fetch
        long signedThrough = store.latestCheckpoint()
                .filter(c -> c.plausible(properties.largestCheckpoint()))
                .map(Checkpoint::lastIndex)
                .orElse(0L);
        EvidenceStore.ChainHead head = store.head();
        long chainedThrough = head.chainedThrough();
        // from past the chain's end is an empty range (to = from - 1, nothing checked), never a range running backwards
        long to = Math.max(from - 1, Math.min(toOrNull == null ? from + maxRange - 1 : toOrNull, chainedThrough));
        Run run = new Run();
        if (from == 1) {
            // the sequence starts at 1: an event below it was put there by hand, where the chain never looks
            for (long position : store.storedPositionsBelowOne(MAX_FINDINGS + 1)) {
                run.add(position, Problem.UNCHAINED, "an event at a position below 1, where none is ever appended");
            }
        }
        ChainEntry previous = store.lastChainEntryBefore(from).orElse(new ChainEntry(0, 0, null, Hashes.GENESIS));
        for (long chunkStart = from; chunkStart <= to; chunkStart += CHUNK) {
            long chunkEnd = Math.min(to, chunkStart + CHUNK - 1);
            previous = checkChunk(chunkStart, chunkEnd, previous, run);
        }
        if (to >= from) {
            checkFollowingEntry(from, to, previous, head, run);
        }
        List<Checkpoint> checkpoints = checkpointsFor(from, to, run);
        if (!checkpoints.isEmpty()) {
            int largest = properties.largestCheckpoint();
            Map<Long, ChainEntry> covered = new HashMap<>();
            // one read per run of adjoining checkpoints: a single span over checkpoints far apart (one moved by
            // hand) would load the whole chain between them, one read per checkpoint is slow when they are small
            long spanStart = 0;
            long spanEnd = -1;
            for (Checkpoint checkpoint : checkpoints.stream()
                    .filter(c -> c.plausible(largest))
                    .sorted(Comparator.comparingLong(Checkpoint::firstIndex))
                    .toList()) {
                long first = Math.max(1, checkpoint.firstIndex() - 1);
                if (first > spanEnd + 1) {
                    load(spanStart, spanEnd, covered);
                    spanStart = first;
                }
                spanEnd = Math.max(spanEnd, checkpoint.lastIndex());
            }
            load(spanStart, spanEnd, covered);
            Map<String, Optional<byte[]>> keys = new HashMap<>();
            for (Checkpoint checkpoint : checkpoints) {
                long position = Math.max(from, checkpoint.firstPosition());
                if (checkpoint.plausible(largest)) {
                    checkCheckpoint(checkpoint, position, covered, keys, run);
                } else {
                    run.add(
                            position,
                            Problem.CHECKPOINT_MISMATCH,
                            "checkpoint %d claims %d chain entries from entry %d, which no checkpoint can cover"
                                    .formatted(
                                            checkpoint.checkpointId(), checkpoint.treeSize(), checkpoint.firstIndex()));
                }
            }
            checkSequence(checkpoints, from, run);
        }
        checkCoverage(checkpoints, signedThrough, run);
        checkAgainstLastSigned(from, to, run);
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

    /**
     * The checkpoint each query node last signed must still be stored as it signed it, chain head and all: every event
     * up to its end is chained into that head, so a history rewritten before it and signed again shows here.
     */
    private void checkAgainstLastSigned(long from, long to, Run run) {
        for (Kept kept : lastSigned.kept()) {
            Signed signed = kept.signed();
            if (signed.lastPosition() < from || signed.lastPosition() > to) {
                continue;
            }
            boolean stored = store.checkpoint(signed.checkpointId())
                    .filter(checkpoint -> Arrays.equals(checkpoint.chainHead(), signed.chainHead()))
                    .isPresent();
            if (!stored) {
                run.add(
                        signed.lastPosition(),
                        Problem.CHECKPOINT_MISMATCH,
                        ("checkpoint %d is not the one %s signed (%s): the checkpoints were rolled back and the"
                                        + " events after signed again, or the database was restored from an older"
                                        + " backup")
                                .formatted(signed.checkpointId(), kept.signer(), kept.where()));
            }
        }
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
            run.seen.add(entry);
            run.firstIndex = run.firstIndex == 0 ? entry.chainIndex() : run.firstIndex;
            run.lastIndex = entry.chainIndex();
            previous = entry;
        }
        for (StoredEvent event : stored.values()) {
            run.add(event.position(), Problem.UNCHAINED, "the event appeared after its position was chained");
        }
        return previous;
    }

    /**
     * Entries removed at the end of the range show only in the entry that follows it, or - when they were the
     * chain's last - in the head, read before the entries, which still counts them.
     */
    private void checkFollowingEntry(long from, long to, ChainEntry previous, EvidenceStore.ChainHead head, Run run) {
        Optional<ChainEntry> following = store.firstChainEntryAfter(to);
        if (following.isEmpty() && head.headIndex() > previous.chainIndex()) {
            run.add(
                    Math.max(from, previous.position() + 1),
                    Problem.CHAIN_BROKEN,
                    "the chain ends at entry %d at position %d, but its head is entry %d: the entries after it were removed"
                            .formatted(previous.chainIndex(), previous.position(), head.headIndex()));
        }
        following
                .filter(next -> next.chainIndex() != previous.chainIndex() + 1)
                .ifPresent(next -> run.add(
                        Math.max(from, previous.position() + 1),
                        Problem.CHAIN_BROKEN,
                        "chain entry %d at position %d follows entry %d: entries between positions %d and %d were removed"
                                .formatted(
                                        next.chainIndex(),
                                        next.position(),
                                        previous.chainIndex(),
                                        previous.position(),
                                        next.position())));
    }

    /**
     * The checkpoints covering the chain entries found, and those whose positions overlap the range: when the
     * entries of a range were deleted, its checkpoint still names them.
     */
    private List<Checkpoint> checkpointsFor(long from, long to, Run run) {
        Map<Long, Checkpoint> byId = new TreeMap<>();
        if (run.firstIndex != 0) {
            store.checkpointsOverlapping(run.firstIndex, run.lastIndex).forEach(c -> byId.put(c.checkpointId(), c));
        }
        if (to >= from) {
            store.checkpointsOverPositions(from, to).forEach(c -> byId.put(c.checkpointId(), c));
        }
        return List.copyOf(byId.values());
    }

    /**
     * Checkpoints follow each other: ids 1, 2, 3, ..., each starting at the chain entry after the last one's end.
     * A checkpoint deleted or moved away leaves its neighbour without its predecessor.
     */
    private void checkSequence(List<Checkpoint> checkpoints, long from, Run run) {
        Map<Long, Checkpoint> byId = new HashMap<>();
        checkpoints.forEach(c -> byId.put(c.checkpointId(), c));
        for (Checkpoint checkpoint : checkpoints) {
            long position = Math.max(from, checkpoint.firstPosition());
            long id = checkpoint.checkpointId();
            if (id == 1) {
                if (checkpoint.firstIndex() != 1) {
                    run.add(
                            position,
                            Problem.CHECKPOINT_MISMATCH,
                            "checkpoint 1 starts at chain entry %d, not 1".formatted(checkpoint.firstIndex()));
                }
                continue;
            }
            Optional<Checkpoint> before = Optional.ofNullable(byId.get(id - 1)).or(() -> store.checkpoint(id - 1));
            if (before.isEmpty()) {
                run.add(
                        position,
                        Problem.CHECKPOINT_MISMATCH,
                        "checkpoint %d follows no checkpoint %d: it is gone".formatted(id, id - 1));
            } else if (before.get().lastIndex() + 1 != checkpoint.firstIndex()) {
                run.add(
                        position,
                        Problem.CHECKPOINT_MISMATCH,
                        "checkpoint %d starts at chain entry %d, but checkpoint %d ends at entry %d"
                                .formatted(
                                        id,
                                        checkpoint.firstIndex(),
                                        id - 1,
                                        before.get().lastIndex()));
            }
        }
    }

    private void load(long firstIndex, long lastIndex, Map<Long, ChainEntry> covered) {
        if (lastIndex >= firstIndex) {
            store.chainEntriesByIndex(firstIndex, lastIndex).forEach(entry -> covered.put(entry.chainIndex(), entry));
        }
    }

    /** Every chain entry up to the last checkpoint's end is covered by one; an entry left uncovered lost its checkpoint. */
    private void checkCoverage(List<Checkpoint> checkpoints, long signedThrough, Run run) {
        // the entries they cover as disjoint runs, first index -> last index
        TreeMap<Long, Long> byFirstIndex = new TreeMap<>();
        for (Checkpoint checkpoint : checkpoints.stream()
                .sorted(Comparator.comparingLong(Checkpoint::firstIndex))
                .toList()) {
            Map.Entry<Long, Long> last = byFirstIndex.lastEntry();
            if (last != null && checkpoint.firstIndex() <= last.getValue() + 1) {
                byFirstIndex.put(last.getKey(), Math.max(last.getValue(), checkpoint.lastIndex()));
            } else {
                byFirstIndex.put(checkpoint.firstIndex(), checkpoint.lastIndex());
            }
        }
        boolean inGap = false;
        for (ChainEntry entry : run.seen) {
            long index = entry.chainIndex();
            Map.Entry<Long, Long> starting = byFirstIndex.floorEntry(index);
            boolean uncovered = index <= signedThrough && (starting == null || starting.getValue() < index);
            if (uncovered && !inGap) {
                run.add(
                        entry.position(),
                        Problem.CHECKPOINT_MISMATCH,
                        "chain entry %d is covered by no checkpoint, though checkpoints cover the chain to entry %d"
                                .formatted(index, signedThrough));
            }
            inGap = uncovered;
        }
    }

    private void checkCheckpoint(
            Checkpoint checkpoint,
            long position,
            Map<Long, ChainEntry> covered,
            Map<String, Optional<byte[]>> keys,
            Run run) {
        String name = "checkpoint " + checkpoint.checkpointId();
        List<byte[]> leaves = new ArrayList<>();
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
        private final List<ChainEntry> seen = new ArrayList<>();
        private long checked;
        private long firstIndex;
        private long lastIndex;

        void add(long position, Problem problem, String detail) {
            findings.add(new Finding(position, problem, detail));
        }
    }
}
