package io.hindsight.platform.privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM over one personal value with its subject's key: a fresh 96-bit IV per value, the key id as
 * associated data (a value moved under another key id does not open), stored as base64 of IV + ciphertext
 * + 128-bit tag.
 */
public class PersonalDataCipher {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Looking a cipher up by name costs more than the decryption of a short value; every use re-initialises it. */
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    });

    private final PersonalDataKeys keys;

    public PersonalDataCipher(PersonalDataKeys keys) {
        this.keys = keys;
    }

    /** A value sealed under a key: the key's id and base64 of IV, ciphertext and tag. */
    public record Sealed(String keyId, String ciphertext) {}

    /** The value sealed under the subject's key; empty once the subject's personal data was erased. */
    public Optional<Sealed> seal(String subject, byte[] plaintext) {
        return keys.forEncryption(subject)
                .map(key -> new Sealed(key.keyId(), encrypt(key.keyId(), key.key(), plaintext)));
    }

    /** The plaintext of a sealed value; empty when its key was erased. */
    public Optional<byte[]> open(Sealed sealed) {
        return keys.forDecryption(sealed.keyId()).map(key -> decrypt(sealed, key));
    }

    static String encrypt(String keyId, SecretKey key, byte[] plaintext) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            return Base64.getEncoder()
                    .encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                            .put(iv)
                            .put(sealed)
                            .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt personal data", e);
        }
    }

    static byte[] decrypt(Sealed sealed, SecretKey key) {
        try {
            byte[] bytes = Base64.getDecoder().decode(sealed.ciphertext());
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            cipher.updateAAD(sealed.keyId().getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("Personal data under key " + sealed.keyId() + " was tampered with", e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot decrypt personal data under key " + sealed.keyId(), e);
        }
    }
}
