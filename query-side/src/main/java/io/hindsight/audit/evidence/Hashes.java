package io.hindsight.audit.evidence;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The three hashes of the evidence, all SHA-256: a leaf ({@code 0x00 || leaf}) and an interior node
 * ({@code 0x01 || left || right}) as RFC 6962 defines them, and a chain link ({@code previous || leafHash}).
 */
public final class Hashes {

    /** The chain hash before the first event. */
    public static final byte[] GENESIS = new byte[32];

    private static final HexFormat HEX = HexFormat.of();

    private Hashes() {}

    public static byte[] sha256(byte[]... parts) {
        MessageDigest digest = newDigest();
        for (byte[] part : parts) {
            digest.update(part);
        }
        return digest.digest();
    }

    public static byte[] leafHash(byte[] leaf) {
        MessageDigest digest = newDigest();
        digest.update((byte) 0x00);
        digest.update(leaf);
        return digest.digest();
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest digest = newDigest();
        digest.update((byte) 0x01);
        digest.update(left);
        digest.update(right);
        return digest.digest();
    }

    public static byte[] link(byte[] previousChainHash, byte[] leafHash) {
        return sha256(previousChainHash, leafHash);
    }

    public static String hex(byte[] bytes) {
        return bytes == null ? null : HEX.formatHex(bytes);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
