package io.hindsight.audit.evidence;

import io.hindsight.query.QueryRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * This node's Ed25519 key that signs checkpoints: configured ({@code hindsight.evidence.signing-key}) or
 * generated once into the data directory ({@code evidence-signing-key.pem}, PKCS#8, mode 600) and reused
 * on restart. Its id is the first 16 hex digits of the SHA-256 of its public key (X.509 DER), so each
 * key, and so each node with a key of its own, has its own id.
 */
@QueryRole
@Component
public class SigningKey {

    public static final String ALGORITHM = "Ed25519";
    static final String FILE_NAME = "evidence-signing-key.pem";
    private static final int SPKI_PREFIX = 12;

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    public SigningKey(EvidenceProperties properties, @Value("${hindsight.data-dir:./data}") Path dataDirectory) {
        this.privateKey = StringUtils.hasText(properties.signingKey())
                ? parse(properties.signingKey())
                : keptIn(dataDirectory.resolve(FILE_NAME));
        this.publicKey = publicKeyOf(privateKey);
        this.keyId = Hashes.hex(Hashes.sha256(publicKey.getEncoded())).substring(0, 16);
    }

    public String keyId() {
        return keyId;
    }

    /** The public key as X.509 SubjectPublicKeyInfo DER. */
    public byte[] publicKeyDer() {
        return publicKey.getEncoded();
    }

    public byte[] sign(byte[] statement) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(statement);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign with the evidence key " + keyId, e);
        }
    }

    /** Whether {@code signature} is this algorithm's signature of {@code statement} by the X.509 DER key. */
    public static boolean verifies(byte[] publicKeyDer, byte[] statement, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(publicKeyDer)));
            verifier.update(statement);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The raw 32-byte Ed25519 public key (RFC 8032), the X.509 DER without its fixed 12-byte prefix; {@code null}
     * for stored bytes too short to be one (a key row written by hand), which the published list still shows.
     */
    public static byte[] rawPublicKey(byte[] publicKeyDer) {
        if (publicKeyDer.length <= SPKI_PREFIX) {
            return null;
        }
        return Arrays.copyOfRange(publicKeyDer, SPKI_PREFIX, publicKeyDer.length);
    }

    private static PrivateKey keptIn(Path file) {
        try {
            if (Files.exists(file)) {
                return parse(Files.readString(file, StandardCharsets.US_ASCII));
            }
            KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path fresh = file.resolveSibling(FILE_NAME + ".new");
            Files.writeString(fresh, pem(pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(fresh, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the file keeps the directory's permissions.
            }
            Files.move(fresh, file, StandardCopyOption.ATOMIC_MOVE);
            return pair.getPrivate();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the evidence signing key in " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This Java runtime cannot generate Ed25519 keys", e);
        }
    }

    private static PrivateKey parse(String text) {
        String base64 = text.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance(ALGORITHM)
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "The evidence signing key must be an Ed25519 private key in PKCS#8 (PEM or base64 DER)", e);
        }
    }

    private static String pem(byte[] pkcs8) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n";
    }

    /**
     * The JDK derives an Ed25519 public key only while generating a pair, from the random bytes it draws as
     * the private key; handing it this key's bytes as the "random" ones derives the public key of this key.
     * The result is checked by signing and verifying before it is trusted.
     */
    private static PublicKey publicKeyOf(PrivateKey privateKey) {
        byte[] seed = ((EdECPrivateKey) privateKey)
                .getBytes()
                .orElseThrow(() -> new IllegalStateException("The evidence signing key hides its bytes"));
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(NamedParameterSpec.ED25519, new SeedAsRandom(seed));
            PublicKey derived = generator.generateKeyPair().getPublic();
            byte[] probe = "hindsight evidence key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(privateKey);
            signer.update(probe);
            if (!verifies(derived.getEncoded(), probe, signer.sign())) {
                throw new IllegalStateException("Could not derive the public key of the evidence signing key");
            }
            return derived;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not derive the public key of the evidence signing key", e);
        }
    }

    private static final class SeedAsRandom extends SecureRandom {
        private final byte[] seed;

        SeedAsRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("Unexpected draw of " + bytes.length + " random bytes");
            }
            System.arraycopy(seed, 0, bytes, 0, bytes.length);
        }
    }
}
