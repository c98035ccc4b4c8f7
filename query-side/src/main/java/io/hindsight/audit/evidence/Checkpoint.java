package io.hindsight.audit.evidence;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A signed checkpoint: the chain entries {@code firstIndex .. firstIndex + treeSize - 1} (positions
 * {@code firstPosition .. lastPosition}) under one RFC 6962 Merkle root, the chain hash before them and
 * after them, signed by {@code keyId}. {@code statement} is the exact text signed (docs/audit.md).
 */
public record Checkpoint(
        long checkpointId,
        long firstIndex,
        int treeSize,
        long firstPosition,
        long lastPosition,
        byte[] previousChainHead,
        byte[] chainHead,
        byte[] merkleRoot,
        Instant createdAt,
        String keyId,
        byte[] statement,
        byte[] signature) {

    public static final String STATEMENT_HEADER = "hindsight-evidence-checkpoint/v1";

    public long lastIndex() {
        return firstIndex + treeSize - 1;
    }

    /**
     * Whether its bounds are ones the checkpointer could have signed (from chain entry 1 on, 1 to
     * {@code largest} leaves); others were written by hand and are reported without loading what they claim.
     */
    public boolean plausible(int largest) {
        return firstIndex >= 1 && treeSize >= 1 && treeSize <= largest;
    }

    /** The statement these fields make; a stored checkpoint whose statement differs was altered. */
    public byte[] expectedStatement() {
        String text = STATEMENT_HEADER + "\n"
                + "checkpoint: " + checkpointId + "\n"
                + "key-id: " + keyId + "\n"
                + "algorithm: " + SigningKey.ALGORITHM + "\n"
                + "first-index: " + firstIndex + "\n"
                + "tree-size: " + treeSize + "\n"
                + "first-position: " + firstPosition + "\n"
                + "last-position: " + lastPosition + "\n"
                + "previous-chain-head: " + Hashes.hex(previousChainHead) + "\n"
                + "chain-head: " + Hashes.hex(chainHead) + "\n"
                + "merkle-root: " + Hashes.hex(merkleRoot) + "\n"
                + "created-at: " + createdAt + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    Checkpoint signed(byte[] statement, byte[] signature) {
        return new Checkpoint(
                checkpointId,
                firstIndex,
                treeSize,
                firstPosition,
                lastPosition,
                previousChainHead,
                chainHead,
                merkleRoot,
                createdAt,
                keyId,
                statement,
                signature);
    }
}
