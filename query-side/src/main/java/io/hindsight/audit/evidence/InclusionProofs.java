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

    public InclusionProofs(EvidenceStore store) {
        this.store = store;
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
        Checkpoint checkpoint = store.checkpointCovering(entry.chainIndex())
                .orElseThrow(() -> new BusinessException(
                        EvidenceError.NOT_YET_CHECKPOINTED,
                        "Event %d is chained but no checkpoint covers it yet",
                        position));
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

    private BusinessException notChained(long position) {
        if (position > store.head().chainedThrough()
                && store.storedEvent(position).isPresent()) {
            return new BusinessException(
                    EvidenceError.NOT_YET_CHECKPOINTED, "Event %d is not chained yet; ask again shortly", position);
        }
        return new BusinessException(
                EvidenceError.EVIDENCE_NOT_FOUND, "No event %d is in the evidence chain", position);
    }
}
