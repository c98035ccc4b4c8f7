package io.hindsight.audit.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Checks an inclusion proof the way an auditor without Hindsight would, from the HTTP answers alone and
 * with nothing but java.security: no Hindsight class is used here (the point of the test).
 */
final class OutsiderCheck {

    private static final HexFormat HEX = HexFormat.of();
    private static final Base64.Decoder BASE64 = Base64.getDecoder();

    private OutsiderCheck() {}

    /** Asserts that the proof's leaf is the stored event, in the signed checkpoint, signed by a published key. */
    @SuppressWarnings("unchecked")
    static void assertProofHolds(Map<String, Object> proof, Map<String, Object> publishedKeys) throws Exception {
        byte[] leaf = BASE64.decode((String) proof.get("leaf"));
        byte[] leafHash = sha256(new byte[] {0x00}, leaf);
        assertThat(HEX.formatHex(leafHash)).as("leaf hash").isEqualTo(proof.get("leafHash"));
        assertLeafIsTheStoredEvent(leaf, (Map<String, Object>) proof.get("event"), proof);

        List<String> path = (List<String>) proof.get("auditPath");
        long leafIndex = ((Number) proof.get("leafIndex")).longValue();
        long treeSize = ((Number) proof.get("treeSize")).longValue();
        byte[] root = rootFromInclusionProof(leafIndex, treeSize, leafHash, path);
        Map<String, Object> checkpoint = (Map<String, Object>) proof.get("checkpoint");
        assertThat(root).as("a valid audit path").isNotNull();
        assertThat(HEX.formatHex(root)).isEqualTo(proof.get("merkleRoot")).isEqualTo(checkpoint.get("merkleRoot"));

        byte[] statement = BASE64.decode((String) checkpoint.get("statement"));
        Map<String, String> signed = statementFields(statement);
        assertThat(signed.get("merkle-root")).isEqualTo(HEX.formatHex(root));
        assertThat(Long.parseLong(signed.get("tree-size"))).isEqualTo(treeSize);
        assertThat(signed.get("key-id")).isEqualTo(checkpoint.get("keyId"));
        long position = ((Number) proof.get("position")).longValue();
        assertThat(position)
                .isBetween(Long.parseLong(signed.get("first-position")), Long.parseLong(signed.get("last-position")));

        assertThat(signatureVerifies(
                        publishedKeys, signed.get("key-id"), statement, (String) checkpoint.get("signature")))
                .as("Ed25519 signature of the statement")
                .isTrue();
    }

    /** Whether the published key {@code keyId} verifies the base64 signature over the statement. */
    @SuppressWarnings("unchecked")
    static boolean signatureVerifies(
            Map<String, Object> publishedKeys, String keyId, byte[] statement, String signature) throws Exception {
        Map<String, Object> key = ((List<Map<String, Object>>) publishedKeys.get("keys"))
                .stream()
                        .filter(k -> keyId.equals(k.get("keyId")))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("Key " + keyId + " is not published"));
        assertThat(key.get("algorithm")).isEqualTo("Ed25519");
        byte[] der = BASE64.decode((String) key.get("publicKey"));
        assertThat(BASE64.decode((String) key.get("publicKeyRaw")))
                .isEqualTo(Arrays.copyOfRange(der, der.length - 32, der.length));
        PublicKey publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(publicKey);
        verifier.update(statement);
        return verifier.verify(BASE64.decode(signature));
    }

    static Map<String, String> statementFields(byte[] statement) {
        String[] lines = new String(statement, StandardCharsets.UTF_8).split("\n");
        assertThat(lines[0]).isEqualTo("hindsight-evidence-checkpoint/v1");
        Map<String, String> fields = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(": ");
            fields.put(lines[i].substring(0, colon), lines[i].substring(colon + 2));
        }
        return fields;
    }

    /** Parses the documented leaf layout and compares it with the stored event the proof shows. */
    private static void assertLeafIsTheStoredEvent(byte[] leaf, Map<String, Object> event, Map<String, Object> proof) {
        ByteBuffer in = ByteBuffer.wrap(leaf);
        assertThat(in.get()).as("layout version").isEqualTo((byte) 1);
        assertThat(in.getLong()).isEqualTo(((Number) proof.get("position")).longValue());
        assertThat(text(in)).isEqualTo(event.get("aggregateId"));
        assertThat(in.getLong()).isEqualTo(((Number) event.get("sequence")).longValue());
        assertThat(text(in)).isEqualTo(event.get("aggregateType"));
        assertThat(text(in)).isEqualTo(event.get("eventId"));
        assertThat(text(in)).isEqualTo(event.get("timestamp"));
        assertThat(text(in)).isEqualTo(event.get("payloadType"));
        assertThat(text(in)).isEqualTo(event.get("payloadRevision"));
        byte[] payloadDigest = blob(in);
        assertThat(payloadDigest).isEqualTo(sha256(BASE64.decode((String) event.get("storedPayload"))));
        assertThat(HEX.formatHex(payloadDigest)).isEqualTo(event.get("payloadSha256"));
        byte[] metadataDigest = blob(in);
        String metadata = (String) event.get("storedMetadata");
        assertThat(metadataDigest).isEqualTo(metadata == null ? null : sha256(BASE64.decode(metadata)));
        assertThat(in.hasRemaining()).isFalse();
    }

    private static byte[] blob(ByteBuffer in) {
        int length = in.getInt();
        if (length == -1) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    private static String text(ByteBuffer in) {
        byte[] bytes = blob(in);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** RFC 9162 section 2.1.3.2: the root an audit path leads to, or null when the path is malformed. */
    static byte[] rootFromInclusionProof(long leafIndex, long treeSize, byte[] leafHash, List<String> path)
            throws Exception {
        if (leafIndex >= treeSize) {
            return null;
        }
        long fn = leafIndex;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (String hex : path) {
            byte[] p = HEX.parseHex(hex);
            if (sn == 0) {
                return null;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = sha256(new byte[] {0x01}, p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = sha256(new byte[] {0x01}, r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 ? r : null;
    }

    static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
