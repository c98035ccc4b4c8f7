package io.hindsight.audit.evidence;

import java.util.ArrayList;
import java.util.List;

/**
 * The Merkle Tree Hash and audit paths of RFC 6962 section 2.1 over leaf hashes: a tree of n > 1 leaves
 * splits at k, the largest power of two below n, so trees of any size have one shape.
 */
public final class MerkleTree {

    private MerkleTree() {}

    public static byte[] root(List<byte[]> leafHashes) {
        if (leafHashes.isEmpty()) {
            return Hashes.sha256();
        }
        return hash(leafHashes, 0, leafHashes.size());
    }

    /** PATH(m, D[n]): the sibling hashes from the leaf up to the root, lowest first. */
    public static List<byte[]> auditPath(List<byte[]> leafHashes, int leafIndex) {
        if (leafIndex < 0 || leafIndex >= leafHashes.size()) {
            throw new IllegalArgumentException(
                    "Leaf " + leafIndex + " is not in a tree of " + leafHashes.size() + " leaves");
        }
        List<byte[]> path = new ArrayList<>();
        collectPath(leafHashes, leafIndex, 0, leafHashes.size(), path);
        return path;
    }

    private static void collectPath(List<byte[]> leaves, int m, int from, int to, List<byte[]> path) {
        int n = to - from;
        if (n <= 1) {
            return;
        }
        int k = split(n);
        if (m < k) {
            collectPath(leaves, m, from, from + k, path);
            path.add(hash(leaves, from + k, to));
        } else {
            collectPath(leaves, m - k, from + k, to, path);
            path.add(hash(leaves, from, from + k));
        }
    }

    private static byte[] hash(List<byte[]> leaves, int from, int to) {
        int n = to - from;
        if (n == 1) {
            return leaves.get(from);
        }
        int k = split(n);
        return Hashes.nodeHash(hash(leaves, from, from + k), hash(leaves, from + k, to));
    }

    private static int split(int n) {
        return Integer.highestOneBit(n - 1);
    }
}
