package io.hindsight.audit.evidence;

import io.hindsight.audit.api.EvidenceError;
import io.hindsight.audit.evidence.EvidenceStore.ChainEntry;
import io.hindsight.common.BusinessException;
import io.hindsight.query.QueryRole;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Proves that one event is in the signed checkpoint that covers it (RFC 6962 inclusion proof). */
@QueryRole
@Component
public class InclusionProofs {

    private final EvidenceStore store;
    private final EvidenceProperties properties;

    public InclusionProofs(EvidenceStore store, EvidenceProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    /**
     * The proof of the chained leaf of {@code position}. {@code storedEvent} is the event as stored now
     * (empty when it was deleted); when it no longer hashes to the chained leaf, the proof does not verify
     * for it, which is the point.
     */
    public record InclusionProof(
            ChainEntry entry,
            Optional<StoredEvent> storedEvent,
            Checkpoint checkpoint,
            int leafIndex,
            List<byte[]> auditPath) {

        public boolean storedEventMatches() {
            return storedEvent
                    .map(event -> Arrays.equals(event.leafHash(), entry.leafHash()))
                    .orElse(false);
        }
    }

    public InclusionProof of(long position) {
        ChainEntry entry = store.chainEntry(position).orElseThrow(() -> notChained(position));
        Checkpoint checkpoint =
                store.checkpointCovering(entry.chainIndex()).orElseThrow(() -> notCheckpointed(position, entry));
        if (!checkpoint.plausible(properties.largestCheckpoint())) {
            throw new BusinessException(
                    EvidenceError.CHAIN_BROKEN,
                    "Checkpoint %d claims %d chain entries from entry %d, which no checkpoint can cover",
                    checkpoint.checkpointId(),
                    checkpoint.treeSize(),
                    checkpoint.firstIndex());
        }
        List<byte[]> leaves = store.chainEntriesByIndex(checkpoint.firstIndex(), checkpoint.lastIndex()).stream()
                .map(ChainEntry::leafHash)
                .toList();
        if (leaves.size() != checkpoint.treeSize()) {
            throw new BusinessException(
                    EvidenceError.CHAIN_BROKEN,
                    "Checkpoint %d covers %d chain entries but %d are left",
                    checkpoint.checkpointId(),
                    checkpoint.treeSize(),
                    leaves.size());
        }
        int leafIndex = (int) (entry.chainIndex() - checkpoint.firstIndex());
        return new InclusionProof(
                entry, store.storedEvent(position), checkpoint, leafIndex, MerkleTree.auditPath(leaves, leafIndex));
    }

    /** No checkpoint covers the entry: not signed yet, or - when later entries are - its checkpoint is gone. */
    private BusinessException notCheckpointed(long position, ChainEntry entry) {
        boolean signedPast = store.latestCheckpoint()
                .filter(latest -> latest.lastIndex() >= entry.chainIndex())
                .isPresent();
        if (signedPast) {
            return new BusinessException(
                    EvidenceError.CHAIN_BROKEN,
                    "Event %d is chained as entry %d and checkpoints were signed past it, yet none covers it:"
                            + " its checkpoint was removed or altered (verify tells more)",
                    position,
                    entry.chainIndex());
        }
        return new BusinessException(
                EvidenceError.NOT_YET_CHECKPOINTED, "Event %d is chained but no checkpoint covers it yet", position);
    }

    private BusinessException notChained(long position) {
        if (store.storedEvent(position).isPresent()) {
            if (position > store.head().chainedThrough()) {
                return new BusinessException(
                        EvidenceError.NOT_YET_CHECKPOINTED, "Event %d is not chained yet; ask again shortly", position);
            }
            return new BusinessException(
                    EvidenceError.CHAIN_BROKEN,
                    "Event %d is stored, but the chain passed its position without it: the event was inserted later"
                            + " or its chain entry removed (verify tells more)",
                    position);
        }
        return new BusinessException(
                EvidenceError.EVIDENCE_NOT_FOUND, "No event %d is in the evidence chain", position);
    }
}
