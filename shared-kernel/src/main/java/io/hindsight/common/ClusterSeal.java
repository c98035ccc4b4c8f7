package io.hindsight.common;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A keyed MAC (HMAC-SHA256) that only the cluster's nodes can make: its key is derived, for one purpose, from the
 * cluster's JWT secret, which every node holds and the database does not. What it seals was written to the database
 * by a node, and a row written or edited there by hand fails it.
 */
public final class ClusterSeal {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public ClusterSeal(String clusterSecret, String purpose) {
        this.key = new SecretKeySpec(
                mac(
                        new SecretKeySpec(clusterSecret.getBytes(StandardCharsets.UTF_8), ALGORITHM),
                        purpose.getBytes(StandardCharsets.UTF_8)),
                ALGORITHM);
    }

    /** The seal of these fields, in base64; each is framed by its length (-1: none), so no two lists frame alike. */
    public String of(byte[]... fields) {
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
        return Base64.getEncoder().encodeToString(mac(key, framed.array()));
    }

    public boolean matches(String seal, byte[]... fields) {
        return seal != null
                && MessageDigest.isEqual(
                        seal.getBytes(StandardCharsets.US_ASCII), of(fields).getBytes(StandardCharsets.US_ASCII));
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
