package io.hindsight.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hindsight.platform.privacy.PersonalDataCipher.Sealed;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PersonalDataCipherTest {

    private final SecretKey key = new SecretKeySpec(new byte[32], "AES");

    @Test
    void canOpenWhatItSealedUnderTheSameKeyId() {
        byte[] plain = "\"mina@example.com\"".getBytes(StandardCharsets.UTF_8);
        Sealed sealed = new Sealed("k1", PersonalDataCipher.encrypt("k1", key, plain));
        assertThat(PersonalDataCipher.decrypt(sealed, key)).isEqualTo(plain);
        assertThat(sealed.ciphertext()).doesNotContain("mina");
    }

    @Test
    void cannotSealTwoEqualValuesAlike() {
        byte[] plain = "\"Mina\"".getBytes(StandardCharsets.UTF_8);
        assertThat(PersonalDataCipher.encrypt("k1", key, plain))
                .isNotEqualTo(PersonalDataCipher.encrypt("k1", key, plain));
    }

    @Test
    void cannotOpenATamperedValueOrOneMovedUnderAnotherKeyId() {
        String ciphertext = PersonalDataCipher.encrypt("k1", key, "\"Mina\"".getBytes(StandardCharsets.UTF_8));
        byte[] bytes = Base64.getDecoder().decode(ciphertext);
        bytes[bytes.length - 1] ^= 1;
        assertThatThrownBy(() -> PersonalDataCipher.decrypt(
                        new Sealed("k1", Base64.getEncoder().encodeToString(bytes)), key))
                .hasMessageContaining("tampered");
        assertThatThrownBy(() -> PersonalDataCipher.decrypt(new Sealed("k2", ciphertext), key))
                .hasMessageContaining("tampered");
    }
}
