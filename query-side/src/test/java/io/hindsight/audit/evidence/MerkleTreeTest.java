package io.hindsight.audit.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** RFC 6962 Merkle trees, checked against the Certificate Transparency reference vectors and an independent verifier. */
class MerkleTreeTest {

    private static final HexFormat HEX = HexFormat.of();

    /** The reference leaves of RFC 6962 implementations (certificate-transparency, Trillian). */
    private static final List<byte[]> REFERENCE_LEAVES = List.of(
                    "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f")
            .stream()
            .map(HEX::parseHex)
            .map(Hashes::leafHash)
            .toList();

    private static final List<String> REFERENCE_ROOTS = List.of(
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    @Test
    void rootsMatchTheReferenceForEveryTreeSizeUpToEight() {
        assertThat(hex(MerkleTree.root(List.of())))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        for (int size = 1; size <= 8; size++) {
            assertThat(hex(MerkleTree.root(REFERENCE_LEAVES.subList(0, size))))
                    .as("root of %d leaves", size)
                    .isEqualTo(REFERENCE_ROOTS.get(size - 1));
        }
    }

    @Test
    void auditPathsMatchTheReference() {
        assertThat(MerkleTree.auditPath(REFERENCE_LEAVES, 0).stream().map(MerkleTreeTest::hex))
                .containsExactly(
                        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
        assertThat(MerkleTree.auditPath(REFERENCE_LEAVES, 5).stream().map(MerkleTreeTest::hex))
                .containsExactly(
                        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
        assertThat(MerkleTree.auditPath(REFERENCE_LEAVES.subList(0, 3), 2).stream()
                        .map(MerkleTreeTest::hex))
                .containsExactly(REFERENCE_ROOTS.get(1));
        assertThat(MerkleTree.auditPath(REFERENCE_LEAVES.subList(0, 1), 0)).isEmpty();
    }

    @Test
    void everyLeafOfEveryTreeUpToSeventySizesProvesItsInclusionAndNothingElseDoes() {
        List<byte[]> leaves = IntStream.range(0, 70)
                .mapToObj(i -> Hashes.leafHash(new byte[] {(byte) i, (byte) (i * 7)}))
                .toList();
        for (int size = 1; size <= leaves.size(); size++) {
            List<byte[]> tree = leaves.subList(0, size);
            byte[] root = MerkleTree.root(tree);
            for (int index = 0; index < size; index++) {
                List<byte[]> path = MerkleTree.auditPath(tree, index);
                assertThat(rootFromInclusionProof(index, size, tree.get(index), path))
                        .as("leaf %d of %d", index, size)
                        .isEqualTo(root);
                int other = (index + 1) % size;
                if (other != index) {
                    assertThat(rootFromInclusionProof(index, size, tree.get(other), path))
                            .isNotEqualTo(root);
                    assertThat(rootFromInclusionProof(other, size, tree.get(index), path))
                            .isNotEqualTo(root);
                }
            }
        }
    }

    @Test
    void aLeafOutsideTheTreeHasNoPath() {
        assertThatThrownBy(() -> MerkleTree.auditPath(REFERENCE_LEAVES, 8))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** RFC 9162 section 2.1.3.2, written from the RFC and independent of MerkleTree; null when malformed. */
    static byte[] rootFromInclusionProof(long leafIndex, long treeSize, byte[] leafHash, List<byte[]> path) {
        if (leafIndex >= treeSize) {
            return null;
        }
        long fn = leafIndex;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0) {
                return null;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = Hashes.nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = Hashes.nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 ? r : null;
    }

    private static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }
}
