package io.hindsight.common;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A keyed MAC (HMAC-SHA256) that only the cluster's nodes can make: its key is derived, for one purpose, from the
 * cluster's JWT secret, which every node holds and the database does not. What it seals was written to the database
 * by a node, and a row written or edited there by hand fails it. Seals made under the cluster's previous JWT secrets
 * still match, so a new secret does not disown what the cluster sealed before (operations.md, the JWT secret).
 */
public final class ClusterSeal {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final List<SecretKeySpec> previousKeys;

    public ClusterSeal(String clusterSecret, String purpose) {
        this(clusterSecret, List.of(), purpose);
    }

    public ClusterSeal(String clusterSecret, Collection<String> previousSecrets, String purpose) {
        this.key = derived(clusterSecret, purpose);
        this.previousKeys = previousSecrets.stream()
                .filter(secret -> secret != null && !secret.isBlank() && !secret.equals(clusterSecret))
                .map(secret -> derived(secret, purpose))
                .toList();
    }

    private static SecretKeySpec derived(String clusterSecret, String purpose) {
        return new SecretKeySpec(
                mac(
                        new SecretKeySpec(clusterSecret.getBytes(StandardCharsets.UTF_8), ALGORITHM),
                        purpose.getBytes(StandardCharsets.UTF_8)),
                ALGORITHM);
    }

    /** The seal of these fields, in base64; each is framed by its length (-1: none), so no two lists frame alike. */
    public String of(byte[]... fields) {
        return seal(key, framed(fields));
    }

    /** Whether the seal is this cluster's, made under its JWT secret or a previous one. */
    public boolean matches(String seal, byte[]... fields) {
        if (seal == null) {
            return false;
        }
        byte[] framed = framed(fields);
        if (equal(seal, seal(key, framed))) {
            return true;
        }
        return previousKeys.stream().anyMatch(previous -> equal(seal, seal(previous, framed)));
    }

    /** Whether the seal was made under the cluster's current JWT secret. */
    public boolean isCurrent(String seal, byte[]... fields) {
        return seal != null && equal(seal, of(fields));
    }

    private static byte[] framed(byte[]... fields) {
        int length = 0;
        for (byte[] field : fields) {
            length += Integer.BYTES + (field == null ? 0 : field.length);
        }
        ByteBuffer framed = ByteBuffer.allocate(length);
        for (byte[] field : fields) {
            if (field == null) {
                framed.putInt(-1);
            } else {
                framed.putInt(field.length).put(field);
            }
        }
        return framed.array();
    }

    private static String seal(SecretKeySpec key, byte[] framed) {
        return Base64.getEncoder().encodeToString(mac(key, framed));
    }

    private static boolean equal(String seal, String expected) {
        return MessageDigest.isEqual(
                seal.getBytes(StandardCharsets.US_ASCII), expected.getBytes(StandardCharsets.US_ASCII));
    }

    public static byte[] text(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] number(long value) {
        return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
    }

    private static byte[] mac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", impossible);
        }
    }
}
